// Short names of the server roles, for matrix columns: the same in the terminal table and the HTML pages.

/** Short role names for the matrix columns (the table and the HTML report). */
export const ROLE_SHORT = {
  enrollmentProxyPoint: "EPP",
  enrollmentPoint: "EP",
  distributionPoint: "DP",
  managementPoint: "MP",
} as const;
