"""URLs of the Reflexionsraum. Everything private lives under ``/reflexionsraum/<workspace>/``; the
reflection and assessment apps are mounted inside a workspace and receive its slug as ``workspace``.
Account pages (login, invitation, two-factor, password) live under ``/konto/`` and ``/einladung/``."""

from django.urls import include, path

from . import account_views, views
from .access import account_view
from .account_views import private
from .throttle import rate_limit

app_name = "workspace"

account_patterns = [
    path("konto/anmelden/", account_views.login_view, name="login"),
    path("konto/anmelden/code/", account_views.verify_2fa_view, name="verify_2fa"),
    path("konto/abmelden/", account_views.logout_view, name="logout"),
    path("konto/", account_views.account_view_page, name="account"),
    path("konto/zwei-faktor/", account_views.setup_2fa_view, name="setup_2fa"),
    path("konto/zwei-faktor/abschalten/", account_views.disable_2fa_view, name="disable_2fa"),
    path("konto/zwei-faktor/wiederherstellungscodes/", account_views.recovery_codes_view, name="recovery_codes"),
    path("konto/loeschen/", account_views.delete_account_view, name="account_delete"),
    path(
        "konto/passwort/aendern/",
        account_view(account_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "konto/passwort/vergessen/",
        private(rate_limit("password-reset", rate="5/h")(account_views.PasswordResetView.as_view())),
        name="password_reset",
    ),
    path(
        "konto/passwort/vergessen/gesendet/",
        private(account_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "konto/passwort/neu/<uidb64>/<token>/",
        private(
            rate_limit("password-reset-confirm", rate="20/h", methods=("GET", "POST"))(
                account_views.PasswordResetConfirmView.as_view()
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "konto/passwort/neu/fertig/",
        private(account_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("einladung/<str:token>/", account_views.invitation_accept_view, name="invitation_accept"),
]

workspace_patterns = [
    path("reflexionsraum/", views.home, name="home"),
    path("reflexionsraum/<slug:workspace>/", views.dashboard, name="dashboard"),
    path("reflexionsraum/<slug:workspace>/mitglieder/", views.members, name="members"),
    path("reflexionsraum/<slug:workspace>/mitglieder/<int:member>/", views.member_edit, name="member_edit"),
    path(
        "reflexionsraum/<slug:workspace>/mitglieder/<int:member>/entfernen/", views.member_remove, name="member_remove"
    ),
    path("reflexionsraum/<slug:workspace>/einladungen/", views.invitations, name="invitations"),
    path(
        "reflexionsraum/<slug:workspace>/einladungen/<int:invitation>/widerrufen/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("reflexionsraum/<slug:workspace>/einstellungen/", views.settings_view, name="settings"),
    path("reflexionsraum/<slug:workspace>/protokoll/", views.audit_log, name="audit"),
    path("reflexionsraum/<slug:workspace>/datenexport/", views.export, name="export"),
    path("reflexionsraum/<slug:workspace>/loeschen/", views.delete, name="delete"),
    path("reflexionsraum/<slug:workspace>/reflexionen/", include("krisenwissen.reflection.urls")),
    path("reflexionsraum/<slug:workspace>/selbstcheck/", include("krisenwissen.assessment.urls")),
]

urlpatterns = account_patterns + workspace_patterns
