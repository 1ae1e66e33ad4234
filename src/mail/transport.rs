//! Where mail goes: an SMTP server, or the development mailbox at `/dev/mail`.

use std::time::Duration;

use anyhow::Context;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Settings;

/// A rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An address that stops this kind of mail in one click (RFC 8058): mail clients show
    /// an "unsubscribe" button that POSTs to it.
    pub one_click_unsubscribe: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later (the server is down or said 4xx).
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Will never work (the server said 5xx, or the address cannot be written).
    #[error("permanent failure: {0}")]
    Permanent(String),
}

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    /// No SMTP server configured: mail is kept in the database and shown at `/dev/mail`.
    DevMailbox { from: Mailbox },
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Mailer> {
        let from: Mailbox = settings.mail_from.parse().with_context(|| {
            format!(
                "ACCOLADE_MAIL_FROM {:?} is not a mailbox",
                settings.mail_from
            )
        })?;
        settings.check_exposure()?;
        match &settings.smtp_url {
            Some(url) => Self::smtp(url, from),
            None => Ok(Mailer::DevMailbox { from }),
        }
    }

    /// An SMTP mailer for `url` (`smtp://host:port`, `smtps://...`, `smtp://...?tls=required`).
    pub fn smtp(url: &str, from: Mailbox) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("ACCOLADE_SMTP_URL is not a valid SMTP URL")?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Mailer::Smtp { transport, from })
    }

    pub fn is_dev_mailbox(&self) -> bool {
        matches!(self, Mailer::DevMailbox { .. })
    }

    pub fn from(&self) -> &Mailbox {
        match self {
            Mailer::Smtp { from, .. } | Mailer::DevMailbox { from } => from,
        }
    }

    /// Builds the MIME message (text and HTML alternatives).
    fn message(&self, email: &Email) -> Result<Message, SendError> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| SendError::Permanent(format!("recipient address: {e}")))?;
        let mut builder = Message::builder()
            .from(self.from().clone())
            .to(to)
            .subject(email.subject.clone());
        if let Some(url) = &email.one_click_unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                email.text.clone(),
                email.html.clone(),
            ))
            .map_err(|e| SendError::Permanent(format!("message: {e}")))
    }

    /// Sends over SMTP. (The development mailbox is written by the outbox itself, in its
    /// transaction.)
    pub async fn send_smtp(&self, email: &Email) -> Result<(), SendError> {
        let Mailer::Smtp { transport, .. } = self else {
            return Err(SendError::Permanent("no SMTP server configured".into()));
        };
        let message = self.message(email)?;
        match transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Err(e) => Err(SendError::Transient(e.to_string())),
        }
    }
}
