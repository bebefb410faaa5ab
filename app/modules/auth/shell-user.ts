import type { RoleName } from "./roles";

/** What the browser learns about the signed-in person: nothing more than the shell shows. */
export interface ShellUser {
  name: string;
  employeeNo: string;
  title: string;
  officeId: number;
  officeName: string;
  roles: RoleName[];
  offices: { id: number; name: string }[];
  mustChangePassword: boolean;
}

export function toShellUser(user: ShellUser): ShellUser {
  const { name, employeeNo, title, officeId, officeName, roles, offices, mustChangePassword } = user;
  return { name, employeeNo, title, officeId, officeName, roles, offices, mustChangePassword };
}
