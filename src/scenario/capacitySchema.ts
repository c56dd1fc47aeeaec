// A finite server: the `capacity` a role, the site database or a replica may declare (the load model).
// Without one a role or database answers every request at once, as before the load model existed.
import * as z from "zod";
import { described, int, positiveTimeDistribution } from "./primitives.js";

/** How a server serves requests: workers, a service time, a queue limit. */
const CapacitySchema = described(
  z.strictObject({
    workers: described(
      int(1),
      "The requests served at once (IIS request threads of the role, or SQL Server workers of a database)",
    ),
    serviceTime: described(
      positiveTimeDistribution,
      'The time one request holds a worker: a duration (a constant), or `{ mean, distribution: "constant" | "exponential" | "lognormal", cv }` drawn for each request from a stream of this server\'s own',
    ),
    queueLimit: described(
      int(0).optional(),
      "The requests that may wait for a worker; an arrival that finds every worker busy and the queue full is refused (server-busy). Absent: no limit",
    ),
  }),
  "A finite server: requests queue first in, first out for one of `workers`, are refused when the queue is full and leave it at the device's request timeout. Absent: every request is answered at once",
);

/** A role's, the site database's or a replica's capacity (optional everywhere). */
export const capacity = CapacitySchema.optional();

/** A validated capacity: seconds for the service time. */
export type Capacity = z.output<typeof CapacitySchema>;
