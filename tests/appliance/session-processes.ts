/**
 * The processes of a test's cage session, found in /proc (`sessionProcesses`), a bounded wait
 * for them to end (`waitForEnd`), and the last-resort clean-up of any that do not (`endProcesses`).
 * The kiosk runs as another user and Chromium's helpers are not the test's children, so neither
 * an exit event nor a kill of cage's process group reaches them all: /proc does.
 */
import fs from 'node:fs';

export type SessionProcess = { pid: number; args: string };

/** What marks a process as the session's: its command line names the test's folder, or it is in cage's session. */
export type SessionMark = { mentioning: string; sessionId?: number };

/**
 * Running processes carrying the mark: the kiosk (`--data-dir`), Chromium and its helpers
 * (`--user-data-dir`), cage itself, and whatever cage started in its session (setsid at spawn).
 * Zombies are left out: they have ended and only wait for their parent (or init) to collect them.
 */
export function sessionProcesses(mark: SessionMark): SessionProcess[] {
  const found: SessionProcess[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let stat: string;
    let args: string;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      args = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      continue; // it ended while being read
    }
    // stat is "pid (comm) state ppid pgrp session …"; comm may hold spaces and parentheses, so read after the last ')'.
    const [state, , , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z') continue;
    if (
      args.includes(mark.mentioning) ||
      (mark.sessionId !== undefined && Number(session) === mark.sessionId)
    )
      found.push({ pid: Number(name), args });
  }
  return found;
}

/** Polls /proc until no process carries the mark, for at most `deadlineMs`; answers those still running then. */
export async function waitForEnd(mark: SessionMark, deadlineMs: number): Promise<SessionProcess[]> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const left = sessionProcesses(mark);
    if (!left.length || Date.now() > end) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // already gone
  }
}

/**
 * Ends the processes carrying the mark: SIGTERM and a bounded wait, then SIGKILL as the last
 * resort and another. Answers a line per process that needed SIGKILL, and per one still running after it.
 */
export async function endProcesses(mark: SessionMark, deadlineMs: number): Promise<string[]> {
  for (const p of sessionProcesses(mark)) signal(p.pid, 'SIGTERM');
  const afterTerm = await waitForEnd(mark, deadlineMs);
  for (const p of afterTerm) signal(p.pid, 'SIGKILL');
  const afterKill = await waitForEnd(mark, deadlineMs);
  return [
    ...afterTerm.map((p) => `pid ${p.pid} ignored SIGTERM for ${deadlineMs / 1000} s; sent SIGKILL`),
    ...afterKill.map((p) => `pid ${p.pid} still running after SIGKILL: ${p.args.slice(0, 200)}`),
  ];
}
