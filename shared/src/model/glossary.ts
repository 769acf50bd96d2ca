/**
 * The words of Taskomatic (PRODUCT.md, "Words"), as the code uses them.
 *
 * - satellite: one installation of the server.
 * - organisation (org): a tenant of one satellite. Work is satellite-level (no org) or belongs to one org.
 * - task: a predefined kind of work, from the server's own catalog (never from the API): a command task (a local
 *   executable with an argument template) or a built-in task (code inside the server).
 * - bunch: a named, ordered list of steps; each step is a task plus a `start_if` condition.
 * - schedule: when a bunch runs: label, bunch, scope, cron + time zone or one instant, active window, parameter
 *   values, overlap and misfire policies, pause state, version, occurrence exceptions.
 * - bunch run: one firing of a schedule (cron, once, manual run-now, moved occurrence, catch-up).
 * - task run: one step of a bunch run, with its status, times, exit code and output.
 */
export {};
