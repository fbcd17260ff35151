import { describe, expect, it } from "vitest";
import { canManageRole, hasRole } from "./roles";

describe("roles", () => {
  it("ranks owner > admin > member > guest", () => {
    expect(hasRole("OWNER", "ADMIN")).toBe(true);
    expect(hasRole("ADMIN", "ADMIN")).toBe(true);
    expect(hasRole("MEMBER", "ADMIN")).toBe(false);
    expect(hasRole("GUEST", "MEMBER")).toBe(false);
  });

  it("lets owners manage everyone, admins only the roles below theirs, others no one", () => {
    expect(canManageRole("OWNER", "OWNER")).toBe(true);
    expect(canManageRole("ADMIN", "OWNER")).toBe(false);
    expect(canManageRole("ADMIN", "ADMIN")).toBe(false);
    expect(canManageRole("ADMIN", "MEMBER")).toBe(true);
    expect(canManageRole("MEMBER", "GUEST")).toBe(false);
  });
});
