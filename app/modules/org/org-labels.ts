import type { MessageKey } from "~/i18n/i18n";
import type { RoleName } from "../auth/roles";

export const roleLabel = (role: RoleName): MessageKey => `role.${role}`;
export const counterKindLabel = (kind: "combined" | "mobile" | "citizen_certificate"): MessageKey => `counter.kind.${kind}`;
export const officeKindLabel = (kind: "district" | "bureau"): MessageKey => `office.kind.${kind}`;
