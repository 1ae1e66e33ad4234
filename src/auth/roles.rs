//! The roles of the consoles. Every account is a candidate; `support` and `admin` are held
//! in `staff_roles`, granted and revoked from the command line (`accolade user grant|revoke`),
//! each change audited. An admin may do everything support does.

use sqlx::PgPool;

use crate::audit::{self, Action, Actor, Entry, Subject};
use crate::domain::EmailAddress;

/// A role of the consoles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Support,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Support => "support",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "support" => Some(Role::Support),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// The roles an account holds (none for a candidate).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    pub support: bool,
    pub admin: bool,
}

impl Roles {
    pub fn any(self) -> bool {
        self.support || self.admin
    }

    /// The stored form in a session (`support,admin`, empty for none).
    pub fn to_text(self) -> String {
        let mut held = Vec::new();
        if self.support {
            held.push(Role::Support.as_str());
        }
        if self.admin {
            held.push(Role::Admin.as_str());
        }
        held.join(",")
    }

    /// Reads [`Roles::to_text`] back; unknown words are ignored.
    pub fn from_text(text: &str) -> Roles {
        let mut roles = Roles::default();
        for role in text.split(',').filter_map(Role::parse) {
            match role {
                Role::Support => roles.support = true,
                Role::Admin => roles.admin = true,
            }
        }
        roles
    }

    /// Whether these roles open what `role` opens (admin opens support's pages too).
    pub fn allow(self, role: Role) -> bool {
        match role {
            Role::Support => self.support || self.admin,
            Role::Admin => self.admin,
        }
    }
}

/// The roles of account `candidate_id`.
pub async fn of(db: &PgPool, candidate_id: i64) -> Result<Roles, sqlx::Error> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT role FROM staff_roles WHERE candidate_id = $1")
            .bind(candidate_id)
            .fetch_all(db)
            .await?;
    Ok(Roles::from_text(&rows.join(",")))
}

/// What a grant or a revoke did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Done,
    /// The account already had (or already lacked) the role: nothing written.
    Unchanged,
    /// No account has this address.
    NoAccount,
}

/// Gives `role` to the account of `email`, audited.
pub async fn grant(
    db: &PgPool,
    email: &EmailAddress,
    role: Role,
    actor: Actor,
) -> Result<Change, sqlx::Error> {
    change(db, email, role, actor, true).await
}

/// Takes `role` from the account of `email`, audited.
pub async fn revoke(
    db: &PgPool,
    email: &EmailAddress,
    role: Role,
    actor: Actor,
) -> Result<Change, sqlx::Error> {
    change(db, email, role, actor, false).await
}

async fn change(
    db: &PgPool,
    email: &EmailAddress,
    role: Role,
    actor: Actor,
    give: bool,
) -> Result<Change, sqlx::Error> {
    let mut tx = db.begin().await?;
    let Some(candidate_id): Option<i64> =
        sqlx::query_scalar("SELECT candidate_id FROM candidate_emails WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?
    else {
        return Ok(Change::NoAccount);
    };
    let changed = if give {
        sqlx::query(
            "INSERT INTO staff_roles (candidate_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
    } else {
        sqlx::query("DELETE FROM staff_roles WHERE candidate_id = $1 AND role = $2")
    }
    .bind(candidate_id)
    .bind(role.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected()
        > 0;
    if !changed {
        return Ok(Change::Unchanged);
    }
    let (action, before, after) = if give {
        (Action::RoleGranted, None, role.as_str())
    } else {
        (Action::RoleRevoked, Some(role.as_str()), "none")
    };
    let entry = Entry::new(actor, action).change(
        before.map(|b| serde_json::json!({ "role": b })),
        serde_json::json!({ "role": after }),
    );
    audit::record(&mut tx, &entry, Subject::Candidate(candidate_id)).await?;
    tx.commit().await?;
    Ok(Change::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_back_as_written_and_admin_opens_support() {
        for roles in [
            Roles::default(),
            Roles {
                support: true,
                admin: false,
            },
            Roles {
                support: false,
                admin: true,
            },
            Roles {
                support: true,
                admin: true,
            },
        ] {
            assert_eq!(Roles::from_text(&roles.to_text()), roles);
        }
        assert_eq!(
            Roles::from_text("root,admin"),
            Roles {
                support: false,
                admin: true
            }
        );
        let admin = Roles {
            support: false,
            admin: true,
        };
        assert!(admin.allow(Role::Support) && admin.allow(Role::Admin));
        let support = Roles {
            support: true,
            admin: false,
        };
        assert!(support.allow(Role::Support) && !support.allow(Role::Admin));
        assert!(!Roles::default().any());
    }
}
