"""Forms of the Reflexionsraum accounts and workspace administration (German labels and messages)."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .audit import find_account
from .models import Membership, Role, Workspace


class LoginForm(AuthenticationForm):
    """Log in with the e-mail address (or the CMS login name) and the password."""

    username = forms.CharField(
        label=_("E-Mail-Adresse oder Anmeldename"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Passwort"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _("E-Mail-Adresse oder Passwort ist falsch. Bitte prüfen Sie Ihre Eingabe."),
        "inactive": _("Dieses Konto ist deaktiviert."),
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        account = find_account(username)
        if account is not None:
            self.cleaned_data["username"] = account.get_username()
        return super().clean()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("Die sechsstellige Zahl aus Ihrer Authenticator-App oder einer Ihrer Wiederherstellungscodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )


class SignupForm(forms.Form):
    """The invited person's name and password."""

    first_name = forms.CharField(
        label=_("Vorname"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nachname"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    password1 = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindestens 10 Zeichen, nicht nur Ziffern, nicht zu ähnlich zu Name oder E-Mail-Adresse."),
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        elif password1:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, initial=Role.MEMBER)
    department = forms.CharField(label=_("Fachbereich"), max_length=120, required=False)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "department"]


class WorkspaceSettingsForm(forms.ModelForm):
    votes_per_member = forms.IntegerField(
        label=_("Stimmen pro Person"),
        min_value=1,
        max_value=50,
        help_text=_("Wie viele Stimmen jedes Mitglied beim Priorisieren von Karten vergeben kann (1–50)."),
    )

    class Meta:
        model = Workspace
        fields = ["name", "votes_per_member", "peer_comparison_opt_in"]


class ProfileForm(forms.Form):
    first_name = forms.CharField(
        label=_("Vorname"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nachname"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label=_("Ihr Passwort zur Bestätigung"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Das Passwort ist falsch."))
        return password


class DeleteWorkspaceForm(forms.Form):
    confirm = forms.CharField(label=_("Kürzel des Arbeitsbereichs zur Bestätigung"), max_length=80)

    def __init__(self, *args, workspace=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["confirm"].help_text = _("Geben Sie „%(slug)s“ ein.") % {"slug": workspace.slug}

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value != self.workspace.slug:
            raise forms.ValidationError(_("Das Kürzel stimmt nicht. Es wurde nichts gelöscht."))
        return value
