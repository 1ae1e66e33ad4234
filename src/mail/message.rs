//! Every email Accolade sends: its [`Kind`] (the name stored in the outbox) and the
//! [`Message`] that carries what its text needs.
//!
//! A new email is a variant of [`Message`] and of [`Kind`], its templates in
//! `templates/mail/`, its Fluent messages and its arm in [`super::render`]; the compiler
//! points at each place.

use serde::{Deserialize, Serialize};

use crate::domain::SecretToken;

/// The kind of an email, as the outbox's `kind` column stores it (its CHECK constraint
/// lists the same names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An award to claim: the badge, its issuer and the claim link.
    BadgeEarned,
    /// An award accepted at once by auto-accept: a link to it in the wallet.
    BadgeAdded,
    /// An award still pending: a fresh claim link and a way to stop reminders.
    BadgeReminder,
    /// Confirm the address of a new account.
    SignUpConfirm,
    /// Someone signed up with an address that already has an account.
    SignUpExisting,
    /// A link to choose a new password.
    PasswordReset,
    /// A reset was asked for an address without an account.
    PasswordResetUnknown,
    /// Confirm an address added in settings.
    EmailVerify,
    /// An address added in settings belongs to another account.
    EmailTaken,
    /// An award the program revoked: which badge, by whom, why, and a link to the wallet.
    BadgeRevoked,
    /// Support attached an address (and the badges sent to it) to the account.
    AddressAttached,
}

impl Kind {
    /// Every kind, in the order of the outbox's CHECK constraint.
    pub const ALL: [Kind; 11] = [
        Kind::BadgeEarned,
        Kind::BadgeAdded,
        Kind::BadgeReminder,
        Kind::SignUpConfirm,
        Kind::SignUpExisting,
        Kind::PasswordReset,
        Kind::PasswordResetUnknown,
        Kind::EmailVerify,
        Kind::EmailTaken,
        Kind::BadgeRevoked,
        Kind::AddressAttached,
    ];

    /// The name stored in the outbox.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::BadgeEarned => "badge_earned",
            Kind::BadgeAdded => "badge_added",
            Kind::BadgeReminder => "badge_reminder",
            Kind::SignUpConfirm => "sign_up_confirm",
            Kind::SignUpExisting => "sign_up_existing",
            Kind::PasswordReset => "password_reset",
            Kind::PasswordResetUnknown => "password_reset_unknown",
            Kind::EmailVerify => "email_verify",
            Kind::EmailTaken => "email_taken",
            Kind::BadgeRevoked => "badge_revoked",
            Kind::AddressAttached => "address_attached",
        }
    }

    /// The kind of a stored name; `None` for a name no kind has (a row written by a newer
    /// or older version of the program): the worker fails such a row, it never guesses.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// Sent by a form to an address anyone can type (sign-up, forgotten password, adding an
    /// address): such a message needs a [`super::Permit`], at most
    /// [`super::MAX_PER_HOUR`] of them go to one address in an hour.
    pub fn needs_permit(self) -> bool {
        match self {
            // Support's note to an account's own primary address: nobody can type an
            // address to send it to.
            Kind::BadgeEarned
            | Kind::BadgeAdded
            | Kind::BadgeReminder
            | Kind::BadgeRevoked
            | Kind::AddressAttached => false,
            Kind::SignUpConfirm
            | Kind::SignUpExisting
            | Kind::PasswordReset
            | Kind::PasswordResetUnknown
            | Kind::EmailVerify
            | Kind::EmailTaken => true,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An email to queue, with what its text needs. Awards are referred to by id: the outbox
/// row points at the award (a reminder's data lists its awards too), and the worker reads
/// the badge, its issuer and the earner's name from there when it writes the email.
#[derive(Debug, Clone, Copy)]
pub enum Message<'a> {
    /// An award to claim through `token`'s link.
    BadgeEarned {
        award: &'a str,
        token: &'a SecretToken,
    },
    /// An award auto-accept put in the wallet.
    BadgeAdded { award: &'a str },
    /// One person's reminder about their pending `awards` (at least one). `token` is the
    /// email's secret: the claim link of each award is derived from it
    /// ([`SecretToken::derive`] with the award's id), and it is the address of the
    /// one-click unsubscribe, which stops the reminders of every listed award.
    BadgeReminder {
        awards: &'a [String],
        token: &'a SecretToken,
    },
    /// Confirm the address of a new account. It greets nobody by name: the name was typed
    /// by whoever filled in the form, and the address is not proven theirs yet.
    SignUpConfirm { token: &'a SecretToken },
    /// Someone signed up with an address that already has an account (`name`: its owner's).
    SignUpExisting { name: &'a str },
    /// A link to choose a new password.
    PasswordReset {
        name: &'a str,
        token: &'a SecretToken,
    },
    /// A reset was asked for an address without an account.
    PasswordResetUnknown,
    /// Confirm an address added in settings (no name either: the address is not proven to
    /// be the account's).
    EmailVerify { token: &'a SecretToken },
    /// An address added in settings belongs to another account (`name`: its owner's).
    EmailTaken { name: &'a str },
    /// An award the program revoked. The reason is read from the award when the email is
    /// written (a revocation keeps its first reason), so the row's data holds nothing.
    BadgeRevoked { award: &'a str },
    /// Support attached `address` to the account of `name` (sent to its primary address).
    AddressAttached { name: &'a str, address: &'a str },
}

/// What an outbox row's `data` holds. A token is erased once the message is sent or fails,
/// so every field is optional when read back.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Data {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// The awards a reminder lists, in order (a reminder queued before reminders listed
    /// several awards has none: its award is the row's `award_id`, its token a claim token).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awards: Option<Vec<String>>,
    /// The address an email is about (support attached it to the account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Message<'_> {
    pub fn kind(&self) -> Kind {
        match self {
            Message::BadgeEarned { .. } => Kind::BadgeEarned,
            Message::BadgeAdded { .. } => Kind::BadgeAdded,
            Message::BadgeReminder { .. } => Kind::BadgeReminder,
            Message::SignUpConfirm { .. } => Kind::SignUpConfirm,
            Message::SignUpExisting { .. } => Kind::SignUpExisting,
            Message::PasswordReset { .. } => Kind::PasswordReset,
            Message::PasswordResetUnknown => Kind::PasswordResetUnknown,
            Message::EmailVerify { .. } => Kind::EmailVerify,
            Message::EmailTaken { .. } => Kind::EmailTaken,
            Message::BadgeRevoked { .. } => Kind::BadgeRevoked,
            Message::AddressAttached { .. } => Kind::AddressAttached,
        }
    }

    /// The award the message is about: the outbox row's `award_id` (a reminder's first).
    pub fn award(&self) -> Option<&str> {
        match self {
            Message::BadgeEarned { award, .. }
            | Message::BadgeAdded { award }
            | Message::BadgeRevoked { award } => Some(award),
            Message::BadgeReminder { awards, .. } => awards.first().map(String::as_str),
            Message::SignUpConfirm { .. }
            | Message::SignUpExisting { .. }
            | Message::PasswordReset { .. }
            | Message::PasswordResetUnknown
            | Message::EmailVerify { .. }
            | Message::EmailTaken { .. }
            | Message::AddressAttached { .. } => None,
        }
    }

    /// The outbox row's `data`.
    pub fn data(&self) -> Data {
        let token = |t: &SecretToken| Some(t.expose().to_owned());
        match self {
            Message::BadgeEarned { token: t, .. }
            | Message::SignUpConfirm { token: t }
            | Message::EmailVerify { token: t } => Data {
                token: token(t),
                ..Data::default()
            },
            Message::BadgeReminder { awards, token: t } => Data {
                token: token(t),
                awards: Some(awards.to_vec()),
                ..Data::default()
            },
            Message::PasswordReset { name, token: t } => Data {
                name: Some((*name).to_owned()),
                token: token(t),
                ..Data::default()
            },
            Message::SignUpExisting { name } | Message::EmailTaken { name } => Data {
                name: Some((*name).to_owned()),
                ..Data::default()
            },
            Message::AddressAttached { name, address } => Data {
                name: Some((*name).to_owned()),
                address: Some((*address).to_owned()),
                ..Data::default()
            },
            Message::BadgeAdded { .. }
            | Message::BadgeRevoked { .. }
            | Message::PasswordResetUnknown => Data::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_stored_name_and_no_other_name_does() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("badge_renewed"), None);
        assert_eq!(Kind::parse(""), None);
    }

    #[test]
    fn only_the_emails_of_forms_need_a_permit() {
        let permitted: Vec<&str> = Kind::ALL
            .into_iter()
            .filter(|k| k.needs_permit())
            .map(Kind::as_str)
            .collect();
        assert_eq!(
            permitted,
            [
                "sign_up_confirm",
                "sign_up_existing",
                "password_reset",
                "password_reset_unknown",
                "email_verify",
                "email_taken"
            ]
        );
    }

    #[test]
    fn the_stored_data_is_what_it_was_before_the_message_type() {
        let token = SecretToken::from_presented("abc");
        let data = |m: Message<'_>| serde_json::to_value(m.data()).unwrap_or_default();
        assert_eq!(
            data(Message::BadgeEarned {
                award: "a1",
                token: &token
            }),
            serde_json::json!({"token": "abc"})
        );
        assert_eq!(
            data(Message::BadgeAdded { award: "a1" }),
            serde_json::json!({})
        );
        assert_eq!(
            data(Message::BadgeRevoked { award: "a1" }),
            serde_json::json!({})
        );
        assert_eq!(
            data(Message::PasswordReset {
                name: "Ada",
                token: &token
            }),
            serde_json::json!({"name": "Ada", "token": "abc"})
        );
        assert_eq!(
            data(Message::EmailTaken { name: "Ada" }),
            serde_json::json!({"name": "Ada"})
        );
        let awards = ["a1".to_owned(), "a2".to_owned()];
        assert_eq!(
            data(Message::BadgeReminder {
                awards: &awards,
                token: &token
            }),
            serde_json::json!({"token": "abc", "awards": ["a1", "a2"]})
        );
    }
}
