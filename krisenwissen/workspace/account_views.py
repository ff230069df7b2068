"""Account pages: login with optional second factor, logout, invitation acceptance, two-factor
setup, password reset and change, and deleting one's own account. All private and not indexable."""

import time
from urllib.parse import urlencode

from django_otp import login as otp_login

from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from . import audit, services, throttle, twofactor
from .access import account_view, mark_private
from .forms import CodeForm, LoginForm, PasswordConfirmForm, ProfileForm, SignupForm
from .models import AuditEvent, Membership

Action = AuditEvent.Action
PENDING_SESSION_KEY = "workspace_2fa_pending"
PENDING_MAX_AGE_S = 300


def _next_url(request, default: str = "") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default or reverse("workspace:home")


def _after_login(request, user, next_url: str):
    """Admins without two-factor authentication set it up first."""
    if twofactor.requires_two_factor(user) and not twofactor.has_two_factor(user):
        messages.info(
            request,
            _("Als Administrator*in eines Arbeitsbereichs richten Sie bitte zuerst die Zwei-Faktor-Anmeldung ein."),
        )
        return redirect(f"{reverse('workspace:setup_2fa')}?{urlencode({'next': next_url})}")
    return redirect(next_url)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@throttle.rate_limit("login", rate="30/m")
def login_view(request):
    next_url = _next_url(request)
    if request.method == "GET" and request.user.is_authenticated and not twofactor.has_two_factor(request.user):
        return mark_private(redirect(next_url))
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        username = (request.POST.get("username") or "").strip().lower()[:254]
        ip = audit.client_ip(request)
        if throttle.is_blocked(username, ip):
            account = audit.find_account(username)
            if account is not None:
                audit.record_for_account(Action.LOGIN_BLOCKED, account, request=request, with_ip=True)
            form = LoginForm(request, initial={"username": request.POST.get("username", "")})
            messages.error(request, throttle.BLOCKED_MESSAGE)
            status = 429
        elif form.is_valid():
            user = form.get_user()
            throttle.reset_account(username)
            if twofactor.has_two_factor(user):
                request.session[PENDING_SESSION_KEY] = {
                    "user": user.pk,
                    "backend": user.backend,
                    "at": time.time(),
                    "next": next_url,
                    "username": username,
                }
                return mark_private(redirect("workspace:verify_2fa"))
            auth_login(request, user)
            return mark_private(_after_login(request, user, next_url))
        else:
            throttle.register_failure(username, ip)
    return mark_private(render(request, "workspace/login.html", {"form": form, "next": next_url}, status=status))


@csrf_protect
@never_cache
@throttle.rate_limit("login", rate="30/m")
def verify_2fa_view(request):
    """The second step: the code from the app (or a recovery code).

    Reached after the password (pending in the session), or by a signed-in person with two-factor
    authentication whose session has not passed it yet (e.g. logged in through the CMS)."""
    pending = request.session.get(PENDING_SESSION_KEY)
    user_model = get_user_model()
    if request.user.is_authenticated and twofactor.has_two_factor(request.user):
        user, backend, next_url = request.user, request.session.get(BACKEND_SESSION_KEY), _next_url(request)
        if twofactor.is_verified(request.user):
            return mark_private(redirect(next_url))
    elif pending and time.time() - pending["at"] < PENDING_MAX_AGE_S:
        user = user_model._default_manager.filter(pk=pending["user"]).first()
        backend, next_url = pending["backend"], pending["next"]
        if user is None:
            return mark_private(redirect("workspace:login"))
    else:
        request.session.pop(PENDING_SESSION_KEY, None)
        if request.method == "POST" or pending:
            messages.error(request, _("Die Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an."))
        return mark_private(redirect("workspace:login"))

    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        username, ip = user.get_username().lower(), audit.client_ip(request)
        if throttle.is_blocked(username, ip):
            messages.error(request, throttle.BLOCKED_MESSAGE)
            form = CodeForm()
            status = 429
        elif form.is_valid():
            device = twofactor.verify(user, form.cleaned_data["code"])
            if device is not None:
                request.session.pop(PENDING_SESSION_KEY, None)
                throttle.reset_account(username)
                if not request.user.is_authenticated:
                    auth_login(request, user, backend=backend)
                otp_login(request, device)
                return mark_private(redirect(next_url))
            throttle.register_failure(username, ip)
            audit.record_for_account(
                Action.LOGIN_FAILED, user, summary=_("Falscher Zwei-Faktor-Code"), request=request, with_ip=True
            )
            form.add_error("code", _("Der Code ist falsch oder abgelaufen. Bitte geben Sie den aktuellen Code ein."))
    return mark_private(render(request, "workspace/verify_2fa.html", {"form": form, "next": next_url}, status=status))


@never_cache
def logout_view(request):
    if request.method == "POST":
        if request.user.is_authenticated:
            auth_logout(request)
            messages.success(request, _("Sie sind abgemeldet."))
        return mark_private(redirect("workspace:login"))
    return mark_private(render(request, "workspace/logout.html"))


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
@throttle.rate_limit("invitation", rate="20/m", methods=("GET", "POST"))
def invitation_accept_view(request, token):
    """Accept an invitation: a new person sets name and password; someone with an account (signed in
    with the invited address) just confirms."""
    invitation = services.find_invitation(token)
    if invitation is None or not invitation.is_usable:
        status = 404 if invitation is None else 410
        return mark_private(
            render(request, "workspace/invitation_invalid.html", {"invitation": invitation}, status=status)
        )
    user_model = get_user_model()
    existing = user_model._default_manager.filter(email__iexact=invitation.email).first()
    context = {"invitation": invitation, "workspace": invitation.workspace}

    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email:
            context["wrong_account"] = True
            return mark_private(render(request, "workspace/invitation_accept.html", context, status=403))
        if request.method == "POST":
            try:
                membership = services.accept(invitation, request.user, request=request)
            except services.MembershipError as error:
                messages.error(request, str(error))
                return mark_private(redirect("workspace:home"))
            messages.success(
                request, _("Willkommen im Arbeitsbereich „%(name)s“.") % {"name": invitation.workspace.name}
            )
            return mark_private(
                _after_login(request, request.user, reverse("workspace:dashboard", args=[membership.workspace.slug]))
            )
        context["confirm_only"] = True
        return mark_private(render(request, "workspace/invitation_accept.html", context))

    if existing is not None:
        context["login_first"] = True
        context["login_url"] = f"{reverse('workspace:login')}?{urlencode({'next': request.path})}"
        return mark_private(render(request, "workspace/invitation_accept.html", context))

    form = SignupForm(request.POST if request.method == "POST" else None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_account_and_accept(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                request=request,
            )
        except services.MembershipError as error:
            messages.error(request, str(error))
            return mark_private(redirect("workspace:login"))
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Willkommen im Arbeitsbereich „%(name)s“.") % {"name": invitation.workspace.name})
        return mark_private(
            _after_login(request, user, reverse("workspace:dashboard", args=[invitation.workspace.slug]))
        )
    context["form"] = form
    return mark_private(render(request, "workspace/invitation_accept.html", context))


@account_view
def account_view_page(request):
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial={"first_name": request.user.first_name, "last_name": request.user.last_name},
    )
    if request.method == "POST" and form.is_valid():
        request.user.first_name = form.cleaned_data["first_name"]
        request.user.last_name = form.cleaned_data["last_name"]
        request.user.save(update_fields=["first_name", "last_name"])
        messages.success(request, _("Ihr Name wurde gespeichert."))
        return redirect("workspace:account")
    memberships = Membership.objects.filter(user=request.user).select_related("workspace", "workspace__place")
    return render(
        request,
        "workspace/account.html",
        {
            "form": form,
            "memberships": memberships,
            "has_two_factor": twofactor.has_two_factor(request.user),
            "requires_two_factor": twofactor.requires_two_factor(request.user),
        },
    )


@account_view
@throttle.rate_limit("two-factor", rate="10/m", key="user")
def setup_2fa_view(request):
    """Set up the authenticator app: QR code (inline SVG) and secret, confirmed by a first code."""
    next_url = _next_url(request, reverse("workspace:account"))
    if twofactor.has_two_factor(request.user):
        return render(request, "workspace/setup_2fa.html", {"already": True, "next": next_url})
    device = twofactor.pending_totp_device(request.user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Zu viele falsche Codes hintereinander. Bitte warten Sie einen Moment."))
        elif twofactor.confirm(device, form.cleaned_data["code"]):
            otp_login(request, device)
            codes = twofactor.new_recovery_codes(request.user)
            audit.record_for_account(Action.TWO_FACTOR_ENABLED, request.user, request=request)
            return render(request, "workspace/recovery_codes.html", {"codes": codes, "next": next_url})
        else:
            form.add_error(
                "code",
                _("Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Geräts und geben Sie den aktuellen Code ein."),
            )
    return render(
        request,
        "workspace/setup_2fa.html",
        {
            "form": form,
            "qr_code": twofactor.qr_code_svg(device, _("QR-Code zum Einrichten der Authenticator-App")),
            "secret": twofactor.secret_for_display(device),
            "next": next_url,
            "required": twofactor.requires_two_factor(request.user),
        },
    )


@account_view
@throttle.rate_limit("two-factor", rate="10/m", key="user")
def disable_2fa_view(request):
    if not twofactor.has_two_factor(request.user):
        return redirect("workspace:account")
    if twofactor.requires_two_factor(request.user):
        return render(request, "workspace/disable_2fa.html", {"required": True}, status=403)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request.user, form.cleaned_data["code"]) is not None:
            twofactor.remove_all(request.user)
            audit.record_for_account(Action.TWO_FACTOR_DISABLED, request.user, request=request)
            messages.success(request, _("Die Zwei-Faktor-Anmeldung ist abgeschaltet."))
            return redirect("workspace:account")
        form.add_error("code", _("Der Code ist falsch oder abgelaufen."))
    return render(request, "workspace/disable_2fa.html", {"form": form})


@account_view
@throttle.rate_limit("recovery-codes", rate="5/m", key="user")
def recovery_codes_view(request):
    """New recovery codes (the old ones stop working); needs a current code."""
    if not twofactor.has_two_factor(request.user):
        return redirect("workspace:setup_2fa")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request.user, form.cleaned_data["code"]) is not None:
            codes = twofactor.new_recovery_codes(request.user)
            return render(
                request, "workspace/recovery_codes.html", {"codes": codes, "next": reverse("workspace:account")}
            )
        form.add_error("code", _("Der Code ist falsch oder abgelaufen."))
    return render(request, "workspace/recovery_codes_new.html", {"form": form})


@account_view
@sensitive_post_parameters("password")
@throttle.rate_limit("account-delete", rate="5/m", key="user")
def delete_account_view(request):
    blockers = services.sole_admin_workspaces(request.user)
    form = PasswordConfirmForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.user.is_superuser:
        return render(request, "workspace/account_delete.html", {"superuser": True}, status=403)
    if request.method == "POST" and not blockers and form.is_valid():
        user = request.user
        auth_logout(request)
        services.delete_account(user, request=request)
        messages.success(request, _("Ihr Konto und Ihre Mitgliedschaften sind gelöscht."))
        return redirect("workspace:login")
    return render(request, "workspace/account_delete.html", {"form": form, "blockers": blockers})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "workspace/password_reset_form.html"
    email_template_name = "workspace/email/password_reset.txt"
    subject_template_name = "workspace/email/password_reset_subject.txt"
    success_url = reverse_lazy("workspace:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "workspace/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "workspace/password_reset_confirm.html"
    success_url = reverse_lazy("workspace:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record_for_account(
            Action.PASSWORD_CHANGED, form.user, summary=_("über „Passwort vergessen“"), request=self.request
        )
        throttle.reset_account(form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "workspace/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "workspace/password_change.html"
    success_url = reverse_lazy("workspace:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record_for_account(Action.PASSWORD_CHANGED, self.request.user, request=self.request)
        messages.success(self.request, _("Ihr Passwort wurde geändert."))
        return response


def private(view):
    """Mark a class-based auth view's responses private (they carry tokens and personal data)."""

    def wrapped(request, *args, **kwargs):
        return mark_private(view(request, *args, **kwargs))

    return wrapped
