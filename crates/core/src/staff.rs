//! 職員 (staff): roles, the municipality each acts for, and what each may do.
//!
//! A municipality's clerks act only on its own residents (住民基本台帳法第1条, the register is
//! kept by each mayor); the one exception is a transfer-in, which the receiving municipality
//! records for a person registered elsewhere.

use std::fmt;

use crate::{MunicipalityCode, StaffId};

/// A staff member's role.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Role {
    /// Manages staff and may do everything a clerk or auditor may.
    Administrator,
    /// Reads and verifies the ledger and reads records, never numbers.
    Auditor,
    /// 個人番号カードコールセンター: suspends a lost card at any hour (facts §7), nothing else.
    CallCenterOperator,
    /// Records procedures, looks residents up, reads numbers for a lawful purpose.
    RegistryClerk,
}

crate::codes!(Role {
    Administrator => "administrator",
    Auditor => "auditor",
    CallCenterOperator => "call-center-operator",
    RegistryClerk => "registry-clerk",
});

/// What an actor asks to do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Permission {
    /// Add staff and issue tokens.
    ManageStaff,
    /// Read the ledger and verify its chain.
    ReadLedger,
    /// Read an Individual Number (with a lawful purpose).
    ReadNumber,
    /// Read resident records and search them.
    ReadRecords,
    /// Suspend a card (一時停止), at any hour.
    SuspendCards,
    /// Register residents and record procedures.
    WriteRecords,
}

/// 職員: a staff member as authenticated, with the role and municipality they act for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMember {
    /// Internal id.
    pub id: StaffId,
    /// Display name (for the ledger).
    pub name: String,
    /// Role.
    pub role: Role,
    /// The municipality acted for; `None` is national scope (the first administrator).
    pub municipality: Option<MunicipalityCode>,
}

/// Why a request was denied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    /// The role lacks the permission.
    Role {
        /// The role.
        role: Role,
        /// The permission asked for.
        permission: Permission,
    },
    /// The ledger partition belongs to another municipality.
    Partition {
        /// The actor's municipality.
        actor: MunicipalityCode,
        /// The partition asked for.
        partition: String,
    },
    /// The record belongs to another municipality.
    Municipality {
        /// The actor's municipality.
        actor: MunicipalityCode,
        /// The record's.
        target: MunicipalityCode,
    },
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Role { role, permission } => {
                write!(
                    f,
                    "the {} role may not {}",
                    role.code(),
                    permission.describe()
                )
            }
            Self::Partition { actor, partition } => write!(
                f,
                "staff of municipality {actor} may not read ledger partition {partition}"
            ),
            Self::Municipality { actor, target } => write!(
                f,
                "staff of municipality {actor} may not act on a record of municipality {target}"
            ),
        }
    }
}

impl Role {
    /// Whether the role carries `permission`.
    pub fn allows(self, permission: Permission) -> bool {
        match self {
            Self::Administrator => true,
            Self::Auditor => matches!(permission, Permission::ReadLedger | Permission::ReadRecords),
            Self::CallCenterOperator => permission == Permission::SuspendCards,
            Self::RegistryClerk => matches!(
                permission,
                Permission::ReadNumber
                    | Permission::ReadRecords
                    | Permission::SuspendCards
                    | Permission::WriteRecords
            ),
        }
    }
}

impl Permission {
    fn describe(self) -> &'static str {
        match self {
            Self::ManageStaff => "manage staff",
            Self::ReadLedger => "read the ledger",
            Self::ReadNumber => "read Individual Numbers",
            Self::ReadRecords => "read resident records",
            Self::SuspendCards => "suspend cards",
            Self::WriteRecords => "record procedures",
        }
    }
}

impl StaffMember {
    /// Checks `permission`, and that `target` (the municipality acted in) is the actor's own.
    pub fn authorize(
        &self,
        permission: Permission,
        target: Option<MunicipalityCode>,
    ) -> Result<(), Denied> {
        if !self.role.allows(permission) {
            return Err(Denied::Role {
                role: self.role,
                permission,
            });
        }
        match (self.municipality, target) {
            (Some(actor), Some(target)) if actor != target => {
                Err(Denied::Municipality { actor, target })
            }
            _ => Ok(()),
        }
    }

    /// The ledger partition this actor's entries go to when no record decides it.
    pub fn partition(&self) -> String {
        self.municipality
            .map(|m| m.as_str().to_owned())
            .unwrap_or_else(|| crate::ledger::NATIONAL_PARTITION.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, m: Option<&str>) -> StaffMember {
        StaffMember {
            id: StaffId::from_random([1; 16]),
            name: "t".into(),
            role,
            municipality: m.map(|m| MunicipalityCode::parse(m).unwrap()),
        }
    }

    #[test]
    fn roles_and_municipalities_bound_what_staff_do() {
        let shinjuku = MunicipalityCode::parse("131041").unwrap();
        let osaka = MunicipalityCode::parse("271004").unwrap();
        let clerk = actor(Role::RegistryClerk, Some("131041"));
        assert!(
            clerk
                .authorize(Permission::WriteRecords, Some(shinjuku))
                .is_ok()
        );
        assert_eq!(
            clerk
                .authorize(Permission::WriteRecords, Some(osaka))
                .unwrap_err()
                .to_string(),
            "staff of municipality 131041 may not act on a record of municipality 271004"
        );
        assert!(clerk.authorize(Permission::ManageStaff, None).is_err());
        let auditor = actor(Role::Auditor, None);
        assert!(auditor.authorize(Permission::ReadLedger, None).is_ok());
        assert_eq!(
            auditor
                .authorize(Permission::ReadNumber, Some(osaka))
                .unwrap_err()
                .to_string(),
            "the auditor role may not read Individual Numbers"
        );
        assert!(
            actor(Role::Administrator, None)
                .authorize(Permission::ReadNumber, Some(osaka))
                .is_ok()
        );
    }
}
