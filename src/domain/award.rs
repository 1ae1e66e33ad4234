//! What an award is in: its state, its visibility, and what the two together mean for who
//! can see it.
//!
//! The rule, the same for every badge: an award is shown to others only once its earner has
//! accepted it, only while its own visibility is public (the default, so that a badge
//! accepted is a badge that can be shown), and only while its earner's profile is public
//! (private until its owner makes it public: a private profile hides all its badges). A
//! declined or revoked award is never shown as earned.

use super::text_enum::text_enum;

/// Where an award stands with its earner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AwardState {
    /// Issued, waiting for the earner to accept or decline it.
    Pending,
    Accepted,
    Declined,
    /// Withdrawn by the issuer, with a reason; nobody can accept or decline it any more.
    Revoked,
}
text_enum!(AwardState {
    Pending => "pending",
    Accepted => "accepted",
    Declined => "declined",
    Revoked => "revoked",
});

impl AwardState {
    /// The Fluent id of the state's name.
    pub fn message_id(self) -> &'static str {
        match self {
            AwardState::Pending => "badge-state-pending",
            AwardState::Accepted => "badge-state-accepted",
            AwardState::Declined => "badge-state-declined",
            AwardState::Revoked => "badge-state-revoked",
        }
    }

    pub fn is_pending(self) -> bool {
        self == AwardState::Pending
    }

    pub fn is_accepted(self) -> bool {
        self == AwardState::Accepted
    }

    /// Whether the earner can accept it (again).
    pub fn can_accept(self) -> bool {
        matches!(self, AwardState::Pending | AwardState::Declined)
    }

    /// Whether the earner can decline it.
    pub fn can_decline(self) -> bool {
        matches!(self, AwardState::Pending | AwardState::Accepted)
    }
}

/// Whether the earner lets others see an award, or their profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    Public,
    Private,
}
text_enum!(Visibility {
    Public => "public",
    Private => "private",
});

impl Visibility {
    pub fn is_public(self) -> bool {
        self == Visibility::Public
    }

    /// The other one: what the toggle of a badge page offers.
    pub fn toggled(self) -> Visibility {
        match self {
            Visibility::Public => Visibility::Private,
            Visibility::Private => Visibility::Public,
        }
    }
}

/// Who can see an award, from its state and visibility (the rule of the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// Accepted and public: anyone with the link.
    Shown,
    /// Pending and public: it will be shown once accepted.
    ShownOnceAccepted,
    /// Private: only the earner.
    OnlyEarner,
    /// Public, but the earner's profile is private: only the earner, until the profile is
    /// made public.
    ProfilePrivate,
    /// Declined: only the earner, until they accept it.
    Declined,
    /// Revoked: never shown as earned.
    Revoked,
}

impl Exposure {
    /// Who sees an award in `state` with its own `visibility`, of an earner whose profile
    /// has `profile` visibility.
    pub fn of(state: AwardState, visibility: Visibility, profile: Visibility) -> Exposure {
        match (state, visibility, profile) {
            (AwardState::Revoked, _, _) => Exposure::Revoked,
            (AwardState::Declined, _, _) => Exposure::Declined,
            (_, Visibility::Private, _) => Exposure::OnlyEarner,
            (_, Visibility::Public, Visibility::Private) => Exposure::ProfilePrivate,
            (AwardState::Accepted, Visibility::Public, Visibility::Public) => Exposure::Shown,
            (AwardState::Pending, Visibility::Public, Visibility::Public) => {
                Exposure::ShownOnceAccepted
            }
        }
    }

    pub fn is_shown(self) -> bool {
        self == Exposure::Shown
    }

    /// The Fluent id of what the earner is told.
    pub fn message_id(self) -> &'static str {
        match self {
            Exposure::Shown => "badge-exposure-shown",
            Exposure::ShownOnceAccepted => "badge-exposure-once-accepted",
            Exposure::OnlyEarner => "badge-exposure-only-you",
            Exposure::ProfilePrivate => "badge-exposure-profile-private",
            Exposure::Declined => "badge-exposure-declined",
            Exposure::Revoked => "badge-exposure-revoked",
        }
    }
}

/// Whether an award still stands, as its pages show it to anyone (a pill beside the title).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Valid,
    /// Valid, but it expires within [`Standing::SOON_DAYS`] days.
    ExpiresSoon,
    /// Past its expiry date (it was valid until then).
    Expired,
    /// Withdrawn by the issuer.
    Revoked,
}

impl Standing {
    /// How close an expiry is announced as soon.
    pub const SOON_DAYS: i64 = 60;

    /// The standing on `today` of an award in `state` that expires on `expires_on`. A badge
    /// is valid through its expiry date and expired from the day after.
    pub fn of(
        state: AwardState,
        expires_on: Option<chrono::NaiveDate>,
        today: chrono::NaiveDate,
    ) -> Standing {
        if state == AwardState::Revoked {
            return Standing::Revoked;
        }
        match expires_on {
            Some(day) if day < today => Standing::Expired,
            Some(day) if (day - today).num_days() <= Self::SOON_DAYS => Standing::ExpiresSoon,
            _ => Standing::Valid,
        }
    }

    /// Whether a verifier may rely on it: not expired, not revoked.
    pub fn is_valid(self) -> bool {
        matches!(self, Standing::Valid | Standing::ExpiresSoon)
    }

    pub fn is_revoked(self) -> bool {
        self == Standing::Revoked
    }

    pub fn is_expired(self) -> bool {
        self == Standing::Expired
    }

    /// The Fluent id of its name.
    pub fn message_id(self) -> &'static str {
        match self {
            Standing::Valid => "standing-valid",
            Standing::ExpiresSoon => "standing-expires-soon",
            Standing::Expired => "standing-expired",
            Standing::Revoked => "standing-revoked",
        }
    }

    /// The style of its pill (`pill-valid`, ...).
    pub fn css(self) -> &'static str {
        match self {
            Standing::Valid => "valid",
            Standing::ExpiresSoon => "soon",
            Standing::Expired => "expired",
            Standing::Revoked => "revoked",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_badge_is_valid_through_its_expiry_day_and_expired_after() {
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 6, d).unwrap_or_default();
        let accepted = AwardState::Accepted;
        assert_eq!(Standing::of(accepted, None, day(1)), Standing::Valid);
        assert_eq!(
            Standing::of(accepted, Some(day(10)), day(10)),
            Standing::ExpiresSoon
        );
        assert_eq!(
            Standing::of(accepted, Some(day(10)), day(11)),
            Standing::Expired
        );
        let next_year = chrono::NaiveDate::from_ymd_opt(2027, 6, 1).unwrap_or_default();
        assert_eq!(
            Standing::of(accepted, Some(next_year), day(1)),
            Standing::Valid
        );
        assert_eq!(
            Standing::of(AwardState::Revoked, None, day(1)),
            Standing::Revoked
        );
        assert!(!Standing::Expired.is_valid() && Standing::ExpiresSoon.is_valid());
    }

    #[test]
    fn every_state_and_visibility_reads_back_as_written() {
        for state in AwardState::ALL {
            assert_eq!(AwardState::parse(state.as_str()), Some(*state));
        }
        for visibility in Visibility::ALL {
            assert_eq!(Visibility::parse(visibility.as_str()), Some(*visibility));
        }
    }

    #[test]
    fn unknown_text_is_no_state_rather_than_pending() {
        assert_eq!(AwardState::parse("Pending"), None);
        assert_eq!(AwardState::parse(""), None);
        assert_eq!(Visibility::parse("hidden"), None);
    }

    #[test]
    fn only_an_accepted_public_award_of_a_public_profile_is_shown() {
        use AwardState::*;
        use Visibility::{Private, Public};
        let mut shown = Vec::new();
        for state in AwardState::ALL {
            for visibility in Visibility::ALL {
                for profile in Visibility::ALL {
                    if Exposure::of(*state, *visibility, *profile).is_shown() {
                        shown.push((*state, *visibility, *profile));
                    }
                }
            }
        }
        assert_eq!(shown, vec![(Accepted, Public, Public)]);
        assert_eq!(
            Exposure::of(Accepted, Public, Private),
            Exposure::ProfilePrivate
        );
    }

    #[test]
    fn a_pending_public_award_says_it_will_be_shown_once_accepted() {
        assert_eq!(
            Exposure::of(AwardState::Pending, Visibility::Public, Visibility::Public),
            Exposure::ShownOnceAccepted
        );
        assert_eq!(
            Exposure::of(AwardState::Pending, Visibility::Private, Visibility::Public),
            Exposure::OnlyEarner
        );
    }

    #[test]
    fn a_revoked_award_is_not_shown_whatever_its_visibility() {
        assert_eq!(
            Exposure::of(AwardState::Revoked, Visibility::Public, Visibility::Public),
            Exposure::Revoked
        );
    }
}
