// The smallest scenario file probe's tests use: one server (a distribution point) for probe to contact,
// one Windows device, no boundaries.

/** The lab scenario as a file holds it (JSON text). */
export const LAB_SCENARIO = JSON.stringify({
  name: "lab",
  duration: "1h",
  site: {
    servers: [
      {
        name: "cm01.lab.example.com",
        roles: { distributionPoint: { https: true, allowMobileDevices: true } },
      },
    ],
  },
  devices: [{ name: "w", platform: "windows", count: 1, addresses: "10.9.0.0/24" }],
});
