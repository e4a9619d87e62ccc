from wagtail.permission_policies.base import ModelPermissionPolicy


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """For records that change only through their own actions (issue, revoke,
    submit, confirm erasure): staff with the view permission may look; nobody
    adds, edits or deletes them as plain rows in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
