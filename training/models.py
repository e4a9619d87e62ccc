from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from .content_cache import KeptContentPage, remember
from .page_translations import content_lang, localized
from .sql import KeptQuery


class UserManager(DjangoUserManager):
    """Email is the login; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get(self, *args, **kwargs):
        """`get(pk=…)` without the ORM's query building: every signed-in
        request looks its person up this way (django.contrib.auth's get_user),
        and compiling that one statement cost more than running it (0.43 ms
        against 0.16 ms a request; issue 20, bench/RESULTS.md). Any other
        lookup goes through the ORM as usual."""
        if args or kwargs.keys() != {"pk"}:
            return super().get(*args, **kwargs)
        return self._get_by_pk(kwargs["pk"])

    def _get_by_pk(self, value):
        found = _person_by_pk.all(pk=value)  # "abc" raises ValueError, as the ORM would
        if not found:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        return found[0]


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    certificate_name = models.CharField(
        _("name to print on certificates"),
        max_length=150,
        blank=True,
        help_text=_("Your name exactly as it should appear on a certificate."),
    )
    # One of settings.LANGUAGES (checked where it is chosen, so adding a
    # language needs no migration); empty: the browser's language.
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The language Peerpath uses with you: pages, emails and new certificates."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def name_for_certificate(self) -> str:
        return self.certificate_name or self.get_full_name() or self.email


# UserManager.get(pk=…): every signed-in request (training/sql.py).
_person_by_pk = KeptQuery(lambda pk: User._base_manager.filter(pk=pk).order_by(), pk=int)


class HomePage(KeptContentPage, Page):
    """The site's front page: what Peerpath is, and the way in."""

    intro = models.CharField(max_length=250, blank=True)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro", heading=_("Intro")),
        FieldPanel("body", heading=_("Body")),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def serve(self, request, *args, **kwargs):
        """In the reader's language where the home page has a translation in it
        (training/page_translations.py); a copy, as this page is kept content."""
        shown = localized(self)
        if shown is self:
            return super().serve(request, *args, **kwargs)
        return Page.serve(shown, request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content_lang"] = content_lang(self)
        return context

    @classmethod
    def get_verbose_name(cls):
        # The page type's name in the admin, translated here: a translated
        # Meta.verbose_name would need a migration.
        return _("Home page")

    def route(self, request, path_components):
        """Find a page below the home page by its URL path: one query for the
        page and one for its specific type, where Wagtail's walk down the tree
        costs two a level (six for a lesson), and none while the page is kept
        (training/content_cache.py). The page then routes itself, so a page
        type with its own routing still gets the last word."""
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = remember(("page-at", url_path), lambda: _specific_page_at(url_path))
        if page is None:
            raise Http404
        return page.route(request, [])


def _specific_page_at(url_path: str):
    page = Page.objects.filter(url_path=url_path).first()
    return page.specific if page is not None else None


@register_setting(icon="help")
class CrisisSupportSettings(BaseSiteSetting):
    """Shown wherever a lesson says "If you are in crisis"."""

    helpline_name = models.CharField(max_length=120, default="988 Suicide & Crisis Lifeline")
    helpline_phone = models.CharField(max_length=40, default="988")
    helpline_text = models.CharField(
        max_length=300,
        default="Call or text any time, day or night. If someone is in immediate danger, call 911.",
    )
    helpline_url = models.URLField(blank=True)

    panels = [
        FieldPanel("helpline_name", heading=_("Helpline name")),
        FieldPanel("helpline_phone", heading=_("Helpline phone")),
        FieldPanel("helpline_text", heading=_("Helpline text")),
        FieldPanel("helpline_url", heading=_("Helpline url")),
    ]

    class Meta:
        verbose_name = _("crisis support")
