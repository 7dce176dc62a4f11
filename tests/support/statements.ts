import type { Mock } from "vitest";
import { vi } from "vitest";
import { connection } from "../../app/db.server";

// Counting `prepare` calls no longer counts statements: the hot paths prepare theirs once per
// connection and run them again (app/db.server.ts, preparedStatement). This counts every
// execution instead, whether its statement was prepared for it or kept from before.

const EXECUTIONS = ["all", "get", "run", "iterate"] as const;

type Execution = (this: { source: string }, ...parameters: unknown[]) => unknown;

/**
 * A spy called once with its SQL and parameters for every statement SQLite runs on the test's
 * connection from now on: `mock.calls.length` counts them, `mockClear()` starts again,
 * `mockRestore()` stops it.
 */
export function spyOnStatements(): Mock<(source: string, parameters: unknown[]) => void> {
  const statement = Object.getPrototypeOf(connection().sqlite.prepare("select 1")) as Record<(typeof EXECUTIONS)[number], Execution>;
  const executed = vi.fn<(source: string, parameters: unknown[]) => void>();
  const spies = EXECUTIONS.map((name) => {
    const original = statement[name];
    return vi.spyOn(statement, name).mockImplementation(function (this: { source: string }, ...parameters: unknown[]) {
      executed(this.source, parameters);
      return original.apply(this, parameters);
    });
  });
  const restore = executed.mockRestore.bind(executed);
  executed.mockRestore = () => {
    for (const spy of spies) spy.mockRestore();
    restore();
  };
  return executed;
}
