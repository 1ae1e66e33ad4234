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
        })
    }
}
