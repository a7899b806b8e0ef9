//! 職員 (staff): roles, the municipality each acts for, and the permissions each role carries.
//! What a permission allows, and where, is decided in `policy`.

use crate::policy::Permission;
use crate::{CredentialId, MunicipalityCode, StaffId};

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
    /// The credential presented, when authenticated by one: which token acted is part of who
    /// acted (the four-eyes rule follows who issued it).
    pub credential: Option<CredentialId>,
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
