// How the console names each role: the one wording findings, tables and the studio use.
import type { RoleName } from "./rules.js";

/** How the console names each role. */
export const ROLE_LABEL: Readonly<Record<RoleName, string>> = {
  enrollmentPoint: "enrollment point",
  enrollmentProxyPoint: "enrollment proxy point",
  distributionPoint: "distribution point",
  managementPoint: "management point",
};
