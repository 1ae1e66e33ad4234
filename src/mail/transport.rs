//! Where mail goes: an SMTP server, or the development mailbox at `/dev/mail`.

use std::net::IpAddr;
use std::time::Duration;

use anyhow::Context;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::extension::ClientId;
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
    /// The server refused the recipient's mailbox for good (a hard bounce: 550, 551 or 553,
    /// or an enhanced status code 5.1.x or 5.2.1 about the recipient): the address goes on
    /// the suppression list.
    #[error("permanent failure: {0}")]
    Bounced(String),
}

/// The longest one SMTP command (connecting included) may take.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest the sending of one message may take, whatever the server does (a server that
/// answers one byte at a time): past it the message is retried later. A stopping worker
/// waits at most this long, for the message it is sending.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

impl SendError {
    /// The error of a refused SMTP transaction.
    fn of_smtp(error: &lettre::transport::smtp::Error) -> SendError {
        let text = error.to_string();
        if !error.is_permanent() {
            return SendError::Transient(text);
        }
        let code = error.status().map(|c| c.to_string()).unwrap_or_default();
        if is_recipient_bounce(&code, &text) {
            SendError::Bounced(text)
        } else {
            SendError::Permanent(text)
        }
    }
}

/// Whether a permanent reply (`code`, the reply's `text`) says the recipient's mailbox does
/// not exist or cannot take mail. An enhanced status code (RFC 3463) in the text decides
/// when there is one: 5.1.x is about an address (but 5.1.7 and 5.1.8 about the sender's),
/// 5.2.1 a disabled mailbox; anything else (policy, content, the system) is no bounce.
/// Without one, the basic codes of a mailbox refused (RFC 5321: 550, 551, 553) do.
pub fn is_recipient_bounce(code: &str, text: &str) -> bool {
    let enhanced = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|word| {
            let parts: Vec<&str> = word.split('.').collect();
            parts.len() == 3
                && parts[0] == "5"
                && parts[1..]
                    .iter()
                    .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        });
    match enhanced {
        Some(status) => {
            (status.starts_with("5.1.") && status != "5.1.7" && status != "5.1.8")
                || status == "5.2.1"
        }
        None => matches!(code, "550" | "551" | "553"),
    }
}

/// The host of an authority (`host`, `host:port`, `[v6]:port`), without its port.
pub fn without_port(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    }
}

/// The name Accolade gives itself in the SMTP greeting (`EHLO`): a domain, or an address
/// literal for an IP address.
pub fn client_id(name: &str) -> ClientId {
    let bare = name.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => ClientId::Ipv4(ip),
        Ok(IpAddr::V6(ip)) => ClientId::Ipv6(ip),
        Err(_) => ClientId::Domain(name.to_owned()),
    }
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
    /// The mailer `settings` ask for; its SMTP greeting names `ACCOLADE_SMTP_HELO`, or else
    /// the host of `public_url`.
    pub fn from_settings(
        settings: &Settings,
        public_url: &crate::urls::PublicUrl,
    ) -> anyhow::Result<Mailer> {
        let from: Mailbox = settings.mail_from.parse().with_context(|| {
            format!(
                "ACCOLADE_MAIL_FROM {:?} is not a mailbox",
                settings.mail_from
            )
        })?;
        settings.check_exposure()?;
        match &settings.smtp_url {
            Some(url) => {
                let helo = settings
                    .smtp_helo
                    .clone()
                    .unwrap_or_else(|| without_port(public_url.host()).to_owned());
                Self::smtp_as(url, from, &helo)
            }
            None => Ok(Mailer::DevMailbox { from }),
        }
    }

    /// An SMTP mailer for `url` (`smtp://host:port`, `smtps://...`, `smtp://...?tls=required`)
    /// that greets the server with the domain of `from`.
    pub fn smtp(url: &str, from: Mailbox) -> anyhow::Result<Mailer> {
        let helo = from.email.domain().to_owned();
        Self::smtp_as(url, from, &helo)
    }

    /// An SMTP mailer for `url` that greets the server as `helo` (`EHLO helo`).
    ///
    /// Every SMTP command has [`COMMAND_TIMEOUT`]. Connections are not kept between
    /// messages: the worker may abandon a message past [`SEND_TIMEOUT`], and a connection
    /// left in the middle of a command must not carry the next one.
    pub fn smtp_as(url: &str, from: Mailbox, helo: &str) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("ACCOLADE_SMTP_URL is not a valid SMTP URL")?
            .timeout(Some(COMMAND_TIMEOUT))
            .hello_name(client_id(helo))
            .pool_config(PoolConfig::new().max_size(0))
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

    /// The Message-ID of the message whose stable unique part is `unique` (the outbox row's
    /// id and nonce): `<unique@domain of the sender>`.
    pub fn message_id(&self, unique: &str) -> String {
        format!("<{unique}@{}>", self.from().email.domain())
    }

    /// Builds the MIME message (text and HTML alternatives).
    fn message(&self, email: &Email, unique: &str) -> Result<Message, SendError> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| SendError::Permanent(format!("recipient address: {e}")))?;
        let mut builder = Message::builder()
            .from(self.from().clone())
            .to(to)
            .subject(email.subject.clone())
            .message_id(Some(self.message_id(unique)));
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

    /// Sends over SMTP, with the Message-ID of `unique` ([`Mailer::message_id`]), in at
    /// most [`SEND_TIMEOUT`]. (The development mailbox is written by the outbox itself, in
    /// its transaction.)
    pub async fn send_smtp(&self, email: &Email, unique: &str) -> Result<(), SendError> {
        let Mailer::Smtp { transport, .. } = self else {
            return Err(SendError::Permanent("no SMTP server configured".into()));
        };
        let message = self.message(email, unique)?;
        match tokio::time::timeout(SEND_TIMEOUT, transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(SendError::of_smtp(&e)),
            Err(_) => Err(SendError::Transient(format!(
                "the SMTP server took more than {} s",
                SEND_TIMEOUT.as_secs()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_mailbox_is_a_bounce_and_a_refused_sender_or_policy_is_not() {
        assert!(is_recipient_bounce(
            "550",
            "permanent error (550): Mailbox unavailable"
        ));
        assert!(is_recipient_bounce(
            "550",
            "550 5.1.1 <a@b.example>: user unknown"
        ));
        assert!(is_recipient_bounce("552", "552 5.2.1 mailbox disabled"));
        assert!(is_recipient_bounce("553", "553 mailbox name not allowed"));
        assert!(!is_recipient_bounce(
            "550",
            "550 5.7.1 message refused as spam"
        ));
        assert!(!is_recipient_bounce(
            "553",
            "553 5.1.8 sender domain does not exist"
        ));
        assert!(!is_recipient_bounce("554", "554 transaction failed"));
        assert!(!is_recipient_bounce("552", "552 message too large"));
    }

    #[test]
    fn the_greeting_names_a_domain_or_an_address_literal() {
        assert_eq!(
            client_id("badges.example.org"),
            ClientId::Domain("badges.example.org".into())
        );
        assert_eq!(
            client_id("127.0.0.1"),
            ClientId::Ipv4(std::net::Ipv4Addr::LOCALHOST)
        );
        assert_eq!(
            client_id("[::1]"),
            ClientId::Ipv6(std::net::Ipv6Addr::LOCALHOST)
        );
        assert_eq!(
            without_port("badges.example.org:8443"),
            "badges.example.org"
        );
        assert_eq!(without_port("[::1]:8080"), "::1");
        assert_eq!(without_port("badges.example.org"), "badges.example.org");
    }
}
