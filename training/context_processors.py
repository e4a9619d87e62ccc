from .roles import is_staff_member


def site_roles(request):
    """Lets templates show the admin link to staff only."""
    user = getattr(request, "user", None)
    return {"is_staff_member": bool(user and is_staff_member(user))}
