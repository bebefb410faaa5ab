import { describe, expect, it } from "vitest";
import { ROLES } from "../../../db/schema";
import { hasPermission, rolesAllowed, ROLE_NAMES, type Permission } from "./roles";

const ADMIN_PERMISSIONS: Permission[] = ["admin.offices", "admin.users", "admin.counters", "admin.audit"];

describe("roles and permissions", () => {
  it("knows the same roles as the database check constraint", () => {
    expect([...ROLE_NAMES].sort()).toEqual([...ROLES].sort());
  });

  it("lets every role see the home page", () => {
    for (const role of ROLE_NAMES) expect(hasPermission([role], "home")).toBe(true);
  });

  it("keeps administration for administrators only", () => {
    for (const permission of ADMIN_PERMISSIONS) {
      expect(rolesAllowed(permission)).toEqual(["admin"]);
      for (const role of ROLE_NAMES.filter((r) => r !== "admin")) {
        expect(hasPermission([role], permission), `${role} must not have ${permission}`).toBe(false);
      }
    }
  });

  it("grants a permission when any of a person's roles has it", () => {
    expect(hasPermission(["staff", "admin"], "admin.users")).toBe(true);
    expect(hasPermission(["staff", "committee", "chair"], "admin.users")).toBe(false);
  });

  it("grants nothing to a person with no roles in the current office", () => {
    expect(hasPermission([], "home")).toBe(false);
    expect(hasPermission([], "admin.audit")).toBe(false);
  });
});
