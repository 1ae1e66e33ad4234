//! Writing an email: an outbox row becomes a subject (Fluent), an HTML body and a text body.
//!
//! Each kind has its view (what its text shows, ready: names, badge, links) and its two
//! templates, `templates/mail/<kind>.html` and `templates/mail/<kind>.txt`, which extend
//! the one HTML layout (`mail/layout.html`, its pieces in `mail/parts.html`) and the one
//! text layout (`mail/layout.txt`). Templates hold no words and no punctuation: every one
//! comes from `locales/<lang>/mail.ftl`, so each language punctuates as it should.

use askama::Template;

use super::message::{Data, Kind};
use super::transport::Email;
use crate::domain::SecretToken;
use crate::i18n::{Locale, Tr};
use crate::urls::{self, PublicUrl};

/// What the renderer reads of an outbox row.
#[derive(Debug)]
pub struct Stored<'a> {
    pub to: &'a str,
    pub kind: Kind,
    pub locale: Locale,
    pub data: &'a Data,
    /// The award the row points at, when it still exists.
    pub award: Option<Award<'a>>,
    /// The awards the row's data lists (a reminder), in its order, those that still exist.
    pub listed: &'a [Award<'a>],
}

/// What an email says about its award.
#[derive(Debug, Clone, Copy)]
pub struct Award<'a> {
    pub id: &'a str,
    /// The code of its badge class (the address of its picture).
    pub code: &'a str,
    pub badge: &'a str,
    pub issuer: &'a str,
    /// The earner's given name, as the certification program reported it.
    pub given_name: &'a str,
    /// Why the program revoked it, when it is revoked.
    pub revocation_reason: Option<&'a str>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the token of this {0} email is gone")]
    TokenGone(Kind),
    #[error("the award of this {0} email is gone")]
    AwardGone(Kind),
    #[error("the award of this {0} email is not revoked")]
    NotRevoked(Kind),
    #[error("template: {0}")]
    Template(#[from] askama::Error),
}

/// What the layouts show around every email.
struct Frame {
    t: Tr,
    subject: String,
    /// The site's public address, no trailing slash.
    site_url: String,
}

/// A kind's view: its subject and, for reminders, the one-click unsubscribe address.
trait View {
    fn subject(&self, t: Tr) -> String;
    fn one_click_unsubscribe(&self) -> Option<String> {
        None
    }
}

/// A view's two bodies, from its templates (see [`templates!`]).
trait Bodies {
    fn html(&self, f: &Frame) -> askama::Result<String>;
    fn text(&self, f: &Frame) -> askama::Result<String>;
}

/// Gives a view its pair of templates: `templates!(View, "mail/x.html", "mail/x.txt")`.
/// In them, `f` is the [`Frame`] and `m` the view.
macro_rules! templates {
    ($view:ident, $html:tt, $text:tt) => {
        const _: () = {
            #[derive(Template)]
            #[template(path = $html)]
            struct Html<'a> {
                f: &'a Frame,
                m: &'a $view,
            }

            #[derive(Template)]
            #[template(path = $text)]
            struct Text<'a> {
                f: &'a Frame,
                m: &'a $view,
            }

            impl Bodies for $view {
                fn html(&self, f: &Frame) -> askama::Result<String> {
                    Html { f, m: self }.render()
                }
                fn text(&self, f: &Frame) -> askama::Result<String> {
                    Text { f, m: self }.render()
                }
            }
        };
    };
}

/// The picture at the top of an email about a badge: the badge's PNG (mail programs do not
/// show SVG), at an absolute address, with the badge's title as its text.
struct BadgeImage {
    url: String,
    alt: String,
}

impl BadgeImage {
    fn of(award: &Award<'_>, site: &PublicUrl) -> BadgeImage {
        BadgeImage {
            url: site.absolute(&urls::badge_image_png(award.code)),
            alt: award.badge.to_owned(),
        }
    }
}

struct BadgeEarned {
    name: String,
    badge: String,
    issuer: String,
    image: BadgeImage,
    claim_url: String,
}
templates!(
    BadgeEarned,
    "mail/badge_earned.html",
    "mail/badge_earned.txt"
);
impl View for BadgeEarned {
    fn subject(&self, t: Tr) -> String {
        t.msg1("mail-badge-earned-subject", "badge", &self.badge)
    }
}

struct BadgeAdded {
    name: String,
    badge: String,
    issuer: String,
    image: BadgeImage,
    wallet_url: String,
}
templates!(BadgeAdded, "mail/badge_added.html", "mail/badge_added.txt");
impl View for BadgeAdded {
    fn subject(&self, t: Tr) -> String {
        t.msg1("mail-badge-added-subject", "badge", &self.badge)
    }
}

/// An award the program revoked: no claim link, the reason, and the wallet.
struct BadgeRevoked {
    name: String,
    badge: String,
    issuer: String,
    image: BadgeImage,
    reason: String,
    wallet_url: String,
}
templates!(
    BadgeRevoked,
    "mail/badge_revoked.html",
    "mail/badge_revoked.txt"
);
impl View for BadgeRevoked {
    fn subject(&self, t: Tr) -> String {
        t.msg1("mail-badge-revoked-subject", "badge", &self.badge)
    }
}

/// One badge of a reminder: its claim link and the link that stops its reminders.
struct ReminderBadge {
    badge: String,
    issuer: String,
    image: BadgeImage,
    claim_url: String,
    stop_url: String,
}

/// A person's reminder: one badge, or a list of them (at least one).
struct BadgeReminder {
    name: String,
    badges: Vec<ReminderBadge>,
    /// Stops the reminders of every badge listed.
    one_click_url: String,
}
templates!(
    BadgeReminder,
    "mail/badge_reminder.html",
    "mail/badge_reminder.txt"
);
impl BadgeReminder {
    /// The badge, when the reminder is about one.
    fn single(&self) -> Option<&ReminderBadge> {
        match self.badges.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}
impl View for BadgeReminder {
    fn subject(&self, t: Tr) -> String {
        match self.badges.as_slice() {
            [one] => t.msg1("mail-reminder-subject", "badge", &one.badge),
            many => t.count(
                "mail-reminder-subject-many",
                "count",
                i64::try_from(many.len()).unwrap_or(i64::MAX),
            ),
        }
    }
    fn one_click_unsubscribe(&self) -> Option<String> {
        Some(self.one_click_url.clone())
    }
}

struct SignUpConfirm {
    confirm_url: String,
}
templates!(
    SignUpConfirm,
    "mail/sign_up_confirm.html",
    "mail/sign_up_confirm.txt"
);
impl View for SignUpConfirm {
    fn subject(&self, t: Tr) -> String {
        t.msg("mail-sign-up-confirm-subject")
    }
}

struct SignUpExisting {
    name: String,
    sign_in_url: String,
    forgot_url: String,
}
templates!(
    SignUpExisting,
    "mail/sign_up_existing.html",
    "mail/sign_up_existing.txt"
);
impl View for SignUpExisting {
    fn subject(&self, t: Tr) -> String {
        t.msg("mail-sign-up-existing-subject")
    }
}

struct PasswordReset {
    name: String,
    reset_url: String,
}
templates!(
    PasswordReset,
    "mail/password_reset.html",
    "mail/password_reset.txt"
);
impl View for PasswordReset {
    fn subject(&self, t: Tr) -> String {
        t.msg("mail-password-reset-subject")
    }
}

struct PasswordResetUnknown {
    sign_up_url: String,
}
templates!(
    PasswordResetUnknown,
    "mail/password_reset_unknown.html",
    "mail/password_reset_unknown.txt"
);
impl View for PasswordResetUnknown {
    fn subject(&self, t: Tr) -> String {
        t.msg("mail-password-reset-unknown-subject")
    }
}

struct EmailVerify {
    confirm_url: String,
}
templates!(
    EmailVerify,
    "mail/email_verify.html",
    "mail/email_verify.txt"
);
impl View for EmailVerify {
    fn subject(&self, t: Tr) -> String {
        t.msg("mail-email-verify-subject")
    }
}

struct EmailTaken {
    name: String,
}
templates!(EmailTaken, "mail/email_taken.html", "mail/email_taken.txt");
impl View for EmailTaken {
    fn subject(&self, t: Tr) -> String {
        t.msg("mail-email-taken-subject")
    }
}

struct AddressAttached {
    name: String,
    address: String,
    wallet_url: String,
}
templates!(
    AddressAttached,
    "mail/address_attached.html",
    "mail/address_attached.txt"
);
impl View for AddressAttached {
    fn subject(&self, t: Tr) -> String {
        t.msg("mail-address-attached-subject")
    }
}

/// Writes the email of an outbox row. `site` is the site's public address.
pub fn render(row: &Stored<'_>, site: &PublicUrl) -> Result<Email, RenderError> {
    let kind = row.kind;
    let token = || {
        row.data
            .token
            .as_deref()
            .map(SecretToken::from_presented)
            .ok_or(RenderError::TokenGone(kind))
    };
    let award = || row.award.ok_or(RenderError::AwardGone(kind));
    let name = || row.data.name.clone().unwrap_or_default();
    let t = Tr::new(row.locale);
    let write = |view: &dyn Letter| -> Result<Email, RenderError> {
        let frame = Frame {
            t,
            subject: view.subject(t),
            site_url: site.to_string(),
        };
        Ok(Email {
            to: row.to.to_owned(),
            text: view.text(&frame)?,
            html: view.html(&frame)?,
            subject: frame.subject,
            one_click_unsubscribe: view.one_click_unsubscribe(),
        })
    };
    match kind {
        Kind::BadgeEarned => {
            let award = award()?;
            write(&BadgeEarned {
                name: award.given_name.to_owned(),
                badge: award.badge.to_owned(),
                issuer: award.issuer.to_owned(),
                image: BadgeImage::of(&award, site),
                claim_url: site.absolute(&urls::claim(&token()?)),
            })
        }
        Kind::BadgeAdded => {
            let award = award()?;
            write(&BadgeAdded {
                name: award.given_name.to_owned(),
                badge: award.badge.to_owned(),
                issuer: award.issuer.to_owned(),
                image: BadgeImage::of(&award, site),
                wallet_url: site.absolute(&urls::wallet_badge(award.id)),
            })
        }
        Kind::BadgeRevoked => {
            let award = award()?;
            // Written from the award as it is now: one revoked since keeps its first reason,
            // and one that is not revoked (any more) gets no such email.
            let reason = award
                .revocation_reason
                .ok_or(RenderError::NotRevoked(kind))?;
            write(&BadgeRevoked {
                name: award.given_name.to_owned(),
                badge: award.badge.to_owned(),
                issuer: award.issuer.to_owned(),
                image: BadgeImage::of(&award, site),
                reason: reason.to_owned(),
                wallet_url: site.absolute(&urls::wallet_badge(award.id)),
            })
        }
        Kind::BadgeReminder => {
            let secret = token()?;
            let badge = |award: &Award<'_>, claim: &SecretToken| ReminderBadge {
                badge: award.badge.to_owned(),
                issuer: award.issuer.to_owned(),
                image: BadgeImage::of(award, site),
                claim_url: site.absolute(&urls::claim(claim)),
                stop_url: site.absolute(&urls::stop_reminders(claim)),
            };
            let (name, badges) = match &row.data.awards {
                // Every award listed, each found, in order: an email never leaves one out.
                Some(ids) => {
                    let complete = !ids.is_empty()
                        && ids.len() == row.listed.len()
                        && ids.iter().zip(row.listed).all(|(id, award)| id == award.id);
                    if !complete {
                        return Err(RenderError::AwardGone(kind));
                    }
                    let name = row
                        .listed
                        .iter()
                        .map(|award| award.given_name)
                        .find(|name| !name.is_empty())
                        .unwrap_or_default();
                    let badges = row
                        .listed
                        .iter()
                        .map(|award| badge(award, &secret.derive(award.id)))
                        .collect();
                    (name, badges)
                }
                // Queued by an older version: one award, and its token is its claim token.
                None => {
                    let award = award()?;
                    (award.given_name, vec![badge(&award, &secret)])
                }
            };
            write(&BadgeReminder {
                name: name.to_owned(),
                badges,
                one_click_url: site.absolute(&urls::stop_reminders_one_click(&secret)),
            })
        }
        Kind::SignUpConfirm => write(&SignUpConfirm {
            confirm_url: site.absolute(&urls::confirm(&token()?)),
        }),
        Kind::SignUpExisting => write(&SignUpExisting {
            name: name(),
            sign_in_url: site.absolute(urls::sign_in()),
            forgot_url: site.absolute(urls::forgot_password()),
        }),
        Kind::PasswordReset => write(&PasswordReset {
            name: name(),
            reset_url: site.absolute(&urls::reset_password(&token()?)),
        }),
        Kind::PasswordResetUnknown => write(&PasswordResetUnknown {
            sign_up_url: site.absolute(urls::sign_up()),
        }),
        Kind::EmailVerify => write(&EmailVerify {
            confirm_url: site.absolute(&urls::confirm(&token()?)),
        }),
        Kind::EmailTaken => write(&EmailTaken { name: name() }),
        Kind::AddressAttached => write(&AddressAttached {
            name: name(),
            address: row.data.address.clone().unwrap_or_default(),
            wallet_url: site.absolute(urls::wallet()),
        }),
    }
}

/// A view with its bodies, as [`render`] writes it.
trait Letter: View + Bodies {}
impl<T: View + Bodies> Letter for T {}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://badges.example";

    fn site() -> PublicUrl {
        PublicUrl::parse(SITE).unwrap()
    }

    fn data(name: Option<&str>, token: Option<&str>) -> Data {
        Data {
            name: name.map(str::to_owned),
            token: token.map(str::to_owned),
            awards: None,
            address: Some("ada@old.example".to_owned()),
        }
    }

    fn award() -> Award<'static> {
        Award {
            id: "award-1",
            code: "AZ-900",
            badge: "Azure Fundamentals",
            issuer: "Microsoft",
            given_name: "Mei",
            revocation_reason: None,
        }
    }

    /// The award of [`award`], revoked.
    fn revoked() -> Award<'static> {
        Award {
            revocation_reason: Some("The exam result was annulled after a <proctoring> review."),
            ..award()
        }
    }

    fn every_kind(locale: Locale) -> Vec<(Kind, Email)> {
        let data = data(Some("Ada"), Some("tok"));
        Kind::ALL
            .into_iter()
            .map(|kind| {
                let row = Stored {
                    to: "ada@example.com",
                    kind,
                    locale,
                    data: &data,
                    award: Some(if kind == Kind::BadgeRevoked {
                        revoked()
                    } else {
                        award()
                    }),
                    listed: &[],
                };
                (kind, render(&row, &site()).unwrap())
            })
            .collect()
    }

    fn french() -> Locale {
        Locale::from_tag("fr").unwrap()
    }

    #[test]
    fn every_kind_is_written_in_every_language_with_a_subject_and_both_bodies() {
        for locale in Locale::all() {
            for (kind, email) in every_kind(locale) {
                assert!(!email.subject.is_empty(), "{kind} in {locale:?}");
                let lang = format!("lang=\"{}\"", locale.code());
                assert!(email.html.contains(&lang), "{kind}: {}", email.html);
                assert!(
                    email.text.ends_with(&format!(
                        "\n-- \n{} {SITE}",
                        Tr::new(locale).msg("mail-footer")
                    )),
                    "{kind}: {}",
                    email.text
                );
                // A message Fluent lacks would show as its id.
                assert!(!email.text.contains("mail-"), "{kind}: {}", email.text);
                assert!(!email.html.contains("mail-"), "{kind}: {}", email.html);
            }
        }
    }

    #[test]
    fn french_plain_text_puts_a_non_breaking_space_before_the_colon_of_a_link() {
        let emails = every_kind(french());
        let (_, earned) = emails
            .iter()
            .find(|(kind, _)| *kind == Kind::BadgeEarned)
            .unwrap();
        assert!(
            earned
                .text
                .contains("Réclamer votre badge\u{a0}:\nhttps://badges.example/claim/tok\n"),
            "{}",
            earned.text
        );
        for (kind, email) in &emails {
            for line in email.text.lines() {
                for mark in [':', ';', '!', '?'] {
                    let before = line
                        .char_indices()
                        .filter(|(_, c)| *c == mark)
                        .filter_map(|(i, _)| line[..i].chars().last());
                    for c in before {
                        // "https:" is an address, not French.
                        assert!(
                            c == '\u{a0}' || c == '\u{202f}' || line.contains("://"),
                            "{kind}: {line:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_english_plain_text_is_as_it_was() {
        let emails = every_kind(Locale::fallback());
        let (_, earned) = emails
            .iter()
            .find(|(kind, _)| *kind == Kind::BadgeEarned)
            .unwrap();
        assert_eq!(
            earned.text,
            "Congratulations, you earned a badge!\n\
             \n\
             Hello Mei,\n\
             \n\
             Microsoft awards you the badge “Azure Fundamentals”. Claim it to add it to your \
             wallet, or decline it.\n\
             \n\
             Claim your badge:\n\
             https://badges.example/claim/tok\n\
             \n\
             There is no deadline: the badge waits for you until you claim or decline it.\n\
             \n\
             -- \n\
             Sent by Accolade, the badge service of the certification program. https://badges.example"
        );
        let (_, confirm) = emails
            .iter()
            .find(|(kind, _)| *kind == Kind::SignUpConfirm)
            .unwrap();
        assert_eq!(
            confirm.text,
            "One step left: confirm your address\n\
             \n\
             You are creating an Accolade account with this address. Confirm it to finish: your \
             badges sent to this address will appear in your wallet.\n\
             \n\
             Confirm my address:\n\
             https://badges.example/confirm/tok\n\
             \n\
             If you did not ask for this, you can ignore this email: nothing changes.\n\
             \n\
             -- \n\
             Sent by Accolade, the badge service of the certification program. https://badges.example"
        );
    }

    #[test]
    fn names_are_escaped_in_html_and_kept_as_typed_in_text() {
        let data = data(Some("<b>Ada</b>"), None);
        let row = Stored {
            to: "ada@example.com",
            kind: Kind::EmailTaken,
            locale: Locale::fallback(),
            data: &data,
            award: None,
            listed: &[],
        };
        let email = render(&row, &site()).unwrap();
        assert!(!email.html.contains("<b>Ada</b>"), "{}", email.html);
        assert!(email.text.contains("Hello <b>Ada</b>,"), "{}", email.text);
    }

    #[test]
    fn a_link_whose_token_is_gone_is_an_error_not_an_email_without_its_link() {
        let data = data(None, None);
        let row = Stored {
            to: "ada@example.com",
            kind: Kind::PasswordReset,
            locale: Locale::fallback(),
            data: &data,
            award: None,
            listed: &[],
        };
        assert!(matches!(
            render(&row, &site()),
            Err(RenderError::TokenGone(Kind::PasswordReset))
        ));
    }

    fn reminder(listed: &[Award<'_>], ids: &[&str]) -> Result<Email, RenderError> {
        reminder_in(Locale::fallback(), listed, ids)
    }

    fn reminder_in(
        locale: Locale,
        listed: &[Award<'_>],
        ids: &[&str],
    ) -> Result<Email, RenderError> {
        let data = Data {
            token: Some("secret".to_owned()),
            awards: Some(ids.iter().map(|id| (*id).to_owned()).collect()),
            ..Data::default()
        };
        let row = Stored {
            to: "mei@example.com",
            kind: Kind::BadgeReminder,
            locale,
            data: &data,
            award: listed.first().copied(),
            listed,
        };
        render(&row, &site())
    }

    #[test]
    fn a_reminder_lists_each_badge_with_its_own_claim_and_stop_links_and_one_unsubscribe() {
        let second = Award {
            id: "award-2",
            code: "AZ-204",
            badge: "Azure Developer",
            issuer: "Microsoft",
            given_name: "Mei",
            revocation_reason: None,
        };
        let email = reminder(&[award(), second], &["award-1", "award-2"]).unwrap();
        assert_eq!(email.subject, "2 badges are waiting for you");
        let secret = SecretToken::from_presented("secret");
        for id in ["award-1", "award-2"] {
            let claim = secret.derive(id);
            let claim_url = format!("{SITE}{}", urls::claim(&claim));
            let stop_url = format!("{SITE}{}", urls::stop_reminders(&claim));
            for body in [&email.text, &email.html] {
                assert!(body.contains(&claim_url), "{id}: {body}");
                assert!(body.contains(&stop_url), "{id}: {body}");
            }
        }
        assert!(
            email.text.contains("“Azure Fundamentals”"),
            "{}",
            email.text
        );
        assert!(email.text.contains("“Azure Developer”"), "{}", email.text);
        assert_eq!(
            email.one_click_unsubscribe,
            Some(format!("{SITE}{}", urls::stop_reminders_one_click(&secret)))
        );
        let link = |path: &str, id: &str| format!("{SITE}/{path}/{}", secret.derive(id).expose());
        assert_eq!(
            email.text,
            format!(
                "Your badges are still waiting for you\n\
                 \n\
                 Hello Mei,\n\
                 \n\
                 These badges are not in your wallet yet. Claim each one to add it to your \
                 wallet, or decline it.\n\
                 \n\
                 “Azure Fundamentals”, awarded by Microsoft\n\
                 Claim your badge:\n{}\n\
                 Stop reminding me about this badge:\n{}\n\
                 \n\
                 “Azure Developer”, awarded by Microsoft\n\
                 Claim your badge:\n{}\n\
                 Stop reminding me about this badge:\n{}\n\
                 \n\
                 There is no deadline: the badges wait for you until you claim or decline them.\n\
                 \n\
                 -- \n\
                 Sent by Accolade, the badge service of the certification program. {SITE}",
                link("claim", "award-1"),
                link("reminders/stop", "award-1"),
                link("claim", "award-2"),
                link("reminders/stop", "award-2"),
            )
        );
        let one = reminder(&[award()], &["award-1"]).unwrap();
        assert_eq!(one.subject, "Your badge is waiting: Azure Fundamentals");
    }

    #[test]
    fn a_french_reminder_of_several_badges_is_punctuated_as_french_is() {
        let second = Award {
            id: "award-2",
            ..award()
        };
        let email = reminder_in(french(), &[award(), second], &["award-1", "award-2"]).unwrap();
        assert_eq!(email.subject, "2 badges vous attendent");
        let text = &email.text;
        assert!(
            text.contains("«\u{a0}Azure Fundamentals\u{a0}», décerné par Microsoft\n"),
            "{text}"
        );
        assert!(text.contains("Réclamer votre badge\u{a0}:\n"), "{text}");
        assert!(
            text.contains("Il n’y a pas de date limite\u{a0}: "),
            "{text}"
        );
        assert!(!text.contains(" :"), "{text}");
    }

    #[test]
    fn a_reminder_missing_one_of_its_awards_is_an_error_not_a_shorter_list() {
        assert!(matches!(
            reminder(&[award()], &["award-1", "award-2"]),
            Err(RenderError::AwardGone(Kind::BadgeReminder))
        ));
        assert!(matches!(
            reminder(&[], &[]),
            Err(RenderError::AwardGone(Kind::BadgeReminder))
        ));
    }

    #[test]
    fn every_email_about_a_badge_shows_its_png_at_the_top_and_no_other_does() {
        let img = format!(
            "<img src=\"{SITE}/images/badges/AZ-900.png\" width=\"120\" height=\"120\" \
             alt=\"Azure Fundamentals\""
        );
        for (kind, email) in every_kind(Locale::fallback()) {
            // Support's note about an attached address needs no permit, but names no badge.
            let about_a_badge = !kind.needs_permit() && kind != Kind::AddressAttached;
            assert_eq!(
                email.html.contains(&img),
                about_a_badge,
                "{kind}: {}",
                email.html
            );
            if about_a_badge {
                // Before any text: the first thing the content shows.
                let content = &email.html[email.html.find("<td").unwrap()..];
                assert!(
                    content.find("<img") < content.find("<h1"),
                    "{kind}: {content}"
                );
            } else {
                assert!(!email.html.contains("<img"), "{kind}: {}", email.html);
            }
        }
        let second = Award {
            id: "award-2",
            code: "AZ-204",
            ..award()
        };
        let email = reminder(&[award(), second], &["award-1", "award-2"]).unwrap();
        for code in ["AZ-900", "AZ-204"] {
            let png = format!("src=\"{SITE}/images/badges/{code}.png\"");
            assert!(email.html.contains(&png), "{code}: {}", email.html);
        }
    }

    #[test]
    fn a_revoked_badge_s_email_names_the_badge_the_issuer_and_the_reason_and_links_to_the_wallet() {
        let emails = every_kind(Locale::fallback());
        let (_, email) = emails
            .iter()
            .find(|(kind, _)| *kind == Kind::BadgeRevoked)
            .unwrap();
        assert_eq!(email.subject, "Your badge was revoked: Azure Fundamentals");
        assert_eq!(
            email.text,
            "Your badge has been revoked\n\
             \n\
             Hello Mei,\n\
             \n\
             Microsoft has revoked your badge “Azure Fundamentals”. It no longer counts as a \
             credential: anyone who checks it sees that it was revoked, and it can no longer be \
             claimed or shared.\n\
             \n\
             Reason given by Microsoft:\n\
             The exam result was annulled after a <proctoring> review.\n\
             \n\
             See it in your wallet:\n\
             https://badges.example/wallet/award-1\n\
             \n\
             If you have a question about this decision, contact Microsoft.\n\
             \n\
             -- \n\
             Sent by Accolade, the badge service of the certification program. https://badges.example"
        );
        // The reason is the issuer's text: escaped in HTML.
        assert!(!email.html.contains("<proctoring>"), "{}", email.html);
        assert!(email.html.contains("annulled"), "{}", email.html);
        assert!(
            email
                .html
                .contains("href=\"https://badges.example/wallet/award-1\""),
            "{}",
            email.html
        );
        assert!(!email.html.contains("/claim/"), "{}", email.html);
        assert!(!email.text.contains("/claim/"), "{}", email.text);

        let emails = every_kind(french());
        let (_, email) = emails
            .iter()
            .find(|(kind, _)| *kind == Kind::BadgeRevoked)
            .unwrap();
        assert_eq!(
            email.subject,
            "Votre badge a été révoqué\u{a0}: Azure Fundamentals"
        );
        assert!(
            email
                .text
                .contains("Microsoft a révoqué votre badge «\u{a0}Azure Fundamentals\u{a0}». "),
            "{}",
            email.text
        );
        assert!(
            email.text.contains(
                "Motif donné par Microsoft\u{a0}:\nThe exam result was annulled after a <proctoring> review.\n"
            ),
            "{}",
            email.text
        );
    }

    #[test]
    fn a_revocation_email_whose_award_is_not_revoked_is_an_error_not_an_email_without_reason() {
        let data = data(None, None);
        let row = Stored {
            to: "mei@example.com",
            kind: Kind::BadgeRevoked,
            locale: Locale::fallback(),
            data: &data,
            award: Some(award()),
            listed: &[],
        };
        assert!(matches!(
            render(&row, &site()),
            Err(RenderError::NotRevoked(Kind::BadgeRevoked))
        ));
    }

    #[test]
    fn only_reminders_carry_a_one_click_unsubscribe() {
        for (kind, email) in every_kind(Locale::fallback()) {
            assert_eq!(
                email.one_click_unsubscribe.is_some(),
                kind == Kind::BadgeReminder,
                "{kind}"
            );
        }
    }
}

#[cfg(test)]
mod template_tests {
    /// What a reader sees of a template without its expressions, tags and markup.
    fn bare_text(template: &str) -> String {
        let code = without(template, "{{", "}}");
        let code = without(&code, "{%", "%}");
        let code = without(&code, "{#", "#}");
        without(&code, "<", ">")
    }

    /// `text` without every span from `open` to the next `close`.
    fn without(text: &str, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            out.push_str(&rest[..start]);
            match rest[start..].find(close) {
                Some(end) => rest = &rest[start + end + close.len()..],
                None => {
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn mail_templates_hold_no_words_and_no_punctuation_of_their_own() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/mail");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let template = std::fs::read_to_string(&path).unwrap();
            let bare = bare_text(&template);
            for line in bare.lines() {
                // The plain-text signature separator (RFC 3676) is no language's.
                let line = line.trim();
                if line.is_empty() || line == "--" {
                    continue;
                }
                panic!("{} writes {line:?}: take it from Fluent", path.display());
            }
            checked += 1;
        }
        assert!(checked >= 20, "the templates were found ({checked})");
    }
}
