//! The emails' templates: each email is a subject (Fluent), an HTML and a text body (askama).

use askama::Template;

use super::transport::Email;
use crate::i18n::Tr;

/// "You earned a badge": the badge, its issuer and the claim link.
#[derive(Template)]
#[template(path = "mail/badge_earned.html")]
pub struct BadgeEarnedHtml<'a> {
    pub t: Tr,
    pub name: &'a str,
    pub badge: &'a str,
    pub issuer: &'a str,
    pub claim_url: &'a str,
    pub site_url: &'a str,
}

#[derive(Template)]
#[template(path = "mail/badge_earned.txt")]
pub struct BadgeEarnedText<'a> {
    pub t: Tr,
    pub name: &'a str,
    pub badge: &'a str,
    pub issuer: &'a str,
    pub claim_url: &'a str,
    pub site_url: &'a str,
}

pub struct BadgeEarned<'a> {
    pub t: Tr,
    pub to: &'a str,
    pub name: &'a str,
    pub badge: &'a str,
    pub issuer: &'a str,
    pub claim_url: &'a str,
    pub site_url: &'a str,
}

impl BadgeEarned<'_> {
    pub fn render(&self) -> Result<Email, askama::Error> {
        let html = BadgeEarnedHtml {
            t: self.t,
            name: self.name,
            badge: self.badge,
            issuer: self.issuer,
            claim_url: self.claim_url,
            site_url: self.site_url,
        }
        .render()?;
        let text = BadgeEarnedText {
            t: self.t,
            name: self.name,
            badge: self.badge,
            issuer: self.issuer,
            claim_url: self.claim_url,
            site_url: self.site_url,
        }
        .render()?;
        Ok(Email {
            to: self.to.to_owned(),
            subject: self
                .t
                .msg1("mail-badge-earned-subject", "badge", self.badge),
            text,
            html,
            one_click_unsubscribe: None,
        })
    }
}

/// A button in a notice: its label and where it leads.
pub struct Action {
    pub label: String,
    pub url: String,
}

/// The emails about accounts and awards other than the first "you earned a badge": a
/// heading, paragraphs, buttons and an optional note, all already localized.
pub struct Notice {
    /// Where a mail client's one-click "unsubscribe" posts (reminders).
    pub one_click_unsubscribe: Option<String>,
    pub t: Tr,
    pub to: String,
    pub subject: String,
    pub heading: String,
    pub name: String,
    pub paragraphs: Vec<String>,
    pub actions: Vec<Action>,
    pub note: Option<String>,
    pub unsubscribe_url: Option<String>,
    pub site_url: String,
}

#[derive(Template)]
#[template(path = "mail/notice.html")]
struct NoticeHtml<'a> {
    t: Tr,
    subject: &'a str,
    heading: &'a str,
    name: &'a str,
    paragraphs: &'a [String],
    actions: &'a [Action],
    note: &'a Option<String>,
    unsubscribe_url: &'a Option<String>,
    site_url: &'a str,
}

#[derive(Template)]
#[template(path = "mail/notice.txt")]
struct NoticeText<'a> {
    t: Tr,
    heading: &'a str,
    name: &'a str,
    paragraphs: &'a [String],
    actions: &'a [Action],
    note: &'a Option<String>,
    unsubscribe_url: &'a Option<String>,
    site_url: &'a str,
}

impl Notice {
    pub fn render(self) -> Result<Email, askama::Error> {
        let html = NoticeHtml {
            t: self.t,
            subject: &self.subject,
            heading: &self.heading,
            name: &self.name,
            paragraphs: &self.paragraphs,
            actions: &self.actions,
            note: &self.note,
            unsubscribe_url: &self.unsubscribe_url,
            site_url: &self.site_url,
        }
        .render()?;
        let text = NoticeText {
            t: self.t,
            heading: &self.heading,
            name: &self.name,
            paragraphs: &self.paragraphs,
            actions: &self.actions,
            note: &self.note,
            unsubscribe_url: &self.unsubscribe_url,
            site_url: &self.site_url,
        }
        .render()?;
        Ok(Email {
            to: self.to,
            subject: self.subject,
            text,
            html,
            one_click_unsubscribe: self.one_click_unsubscribe,
        })
    }
}
