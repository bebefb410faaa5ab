// Simulated people for the load test (issue 11, "Load"), with plain fetch over loopback, sending what
// the pages send: 200 staff take the quiz (start, autosave every answer and change one, reload the
// page, submit) in a loop, a supervisor keeps opening the quiz statistics, and 30 committee members
// cast and change their ballots. Every request's kind, status and latency is kept, and so is every
// write and whether the portal acknowledged it, so the database can be checked against what people
// were told afterwards (load-checks.ts).
import fs from "node:fs";
import { seededRandom, seedFrom } from "~/modules/quizzes/shuffle";
import { VOTE_CHOICES, type VoteChoice } from "~/modules/proposals/committee-rules";
import { BROWSER_AGENT, signIn } from "./portal-process";
import type { LoadFixture, PlannedQuestion } from "./load-setup";

export type RequestKind = "start" | "autosave" | "page" | "submit" | "statistics" | "vote";
export const REQUEST_KINDS: RequestKind[] = ["start", "autosave", "page", "submit", "statistics", "vote"];

/** status 0: no answer at all (the connection failed, e.g. the server was killed). */
export interface Sample {
  kind: RequestKind;
  status: number;
  ms: number;
}

/** A response as the attempt stores it (attempts.schema.ts, normaliseResponse). */
export type StoredResponse = { choice: number } | { choices: number[] } | { value: boolean } | { text: string };

/** What happened to one write: acknowledged, refused with an answer (4xx/5xx), or never answered. */
export type Outcome = "acked" | "refused" | "unanswered";

export interface SaveRecord {
  position: number;
  response: StoredResponse;
  outcome: Outcome;
}

export interface AttemptRecord {
  attemptId: number;
  taker: string;
  saves: SaveRecord[];
  submit: Outcome | "not sent";
}

export interface VoteRecord {
  member: string;
  itemId: number;
  vote: VoteChoice;
  /** The score sheet's total, to tell which request a stored ballot came from. */
  total: number;
  outcome: Outcome;
}

export interface LoadRecord {
  samples: Sample[];
  seconds: number;
  attempts: Map<number, AttemptRecord>;
  /** Starts that got no answer, per taker: an attempt may exist that nobody was told about. */
  unansweredStarts: Map<string, number>;
  votes: VoteRecord[];
  /** Reloads whose page did not show the last saved typed answer. */
  reloadsMissingAnswer: string[];
  /** Takers who completed at least one start → submit cycle. */
  takersCompleted: number;
  /** CPU seconds the portal process used during the run (what it costs, however busy the machine is). */
  serverCpuSeconds?: number;
  /** CPU seconds this process used to simulate everyone. */
  clientCpuSeconds: number;
}

export interface Session {
  employeeNo: string;
  cookie: string;
}

export interface LoadOptions {
  base: string;
  fixture: LoadFixture;
  takers: Session[];
  members: Session[];
  supervisor: Session;
  /** Which round item the members vote on. */
  itemId: number;
  /** No new quiz attempt or ballot after this many seconds; attempts under way are finished. */
  seconds: number;
  /** Distinguishes the runs' typed answers and random choices. */
  run: string;
}

export function newRecord(): LoadRecord {
  return { samples: [], seconds: 0, attempts: new Map(), unansweredStarts: new Map(), votes: [], reloadsMissingAnswer: [], takersCompleted: 0, clientCpuSeconds: 0 };
}

/** A failed request without an HTTP answer, to stop the one person who saw it. */
class NoAnswer extends Error {}

/** One browser-like request, timed and recorded; a connection failure is recorded as status 0. */
async function send(record: LoadRecord, kind: RequestKind, url: string, cookie: string, body?: string) {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      redirect: "manual",
      headers: {
        cookie,
        "user-agent": BROWSER_AGENT,
        ...(body === undefined ? {} : { origin: new URL(url).origin, "content-type": "application/x-www-form-urlencoded" }),
      },
      body,
    });
    const text = await res.text();
    record.samples.push({ kind, status: res.status, ms: performance.now() - started });
    return { status: res.status, location: res.headers.get("location"), text };
  } catch {
    record.samples.push({ kind, status: 0, ms: performance.now() - started });
    throw new NoAnswer();
  }
}

// ---------------------------------------------------------------- answers as the quiz page posts them

function randomResponse(question: PlannedQuestion, random: () => number, label: string): StoredResponse {
  switch (question.kind) {
    case "choice":
      return { choice: Math.floor(random() * question.choices) };
    case "choices": {
      const picked = Array.from({ length: question.choices }, (_, i) => i).filter(() => random() < 0.5);
      return { choices: picked.length ? picked : [Math.floor(random() * question.choices)] };
    }
    case "tf":
      return { value: random() < 0.5 };
    case "text":
      // Chinese text unique to this save, so a reload can be checked for it.
      return { text: `戶政事務所（${label}）` };
  }
}

/** The fields the page's autosave posts for one question (answerField in attempts.schema.ts). */
function answerBody(position: number, response: StoredResponse): string {
  const form = new URLSearchParams({ intent: "save" });
  const field = (part: string) => `q${position}.${part}`;
  if ("choice" in response) {
    form.set(field("kind"), "choice");
    form.set(field("choice"), String(response.choice));
  } else if ("choices" in response) {
    form.set(field("kind"), "choices");
    for (const c of response.choices) form.append(field("choices"), String(c));
  } else if ("value" in response) {
    form.set(field("kind"), "tf");
    form.set(field("tf"), String(response.value));
  } else {
    form.set(field("kind"), "text");
    form.set(field("text"), response.text);
  }
  return form.toString();
}

// ---------------------------------------------------------------- the people

/**
 * Signs everyone in through the login form, a few at a time: the throttle counts a sign-in as failed
 * until its password is checked, and 200 at once from one address would look like password spraying.
 */
export async function signInAll(base: string, employeeNos: string[], atOnce = 4): Promise<Session[]> {
  const sessions: Session[] = [];
  const queue = [...employeeNos];
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) sessions.push({ employeeNo: next, cookie: await signIn(base, next) });
    }),
  );
  return employeeNos.map((no) => sessions.find((s) => s.employeeNo === no)!);
}

/**
 * One colleague taking the quiz until time is up: start (or resume), autosave every answer in turn
 * and then change one of them, reload the page, submit. Stops at the first write not acknowledged.
 */
async function taker(options: LoadOptions, session: Session, record: LoadRecord, deadline: number) {
  const { base, fixture } = options;
  const random = seededRandom(seedFrom(`${options.run}:${session.employeeNo}`));
  for (let cycle = 1; Date.now() < deadline; cycle++) {
    const attempt = await startAttempt(base, fixture.quizId, session, record);
    if (!attempt) return;
    // Every question answered in turn, then one of them changed.
    const saves = [...fixture.questions, fixture.questions[Math.floor(random() * fixture.questions.length)]].map((q, n) => ({ position: q.position, response: randomResponse(q, random, `${options.run} ${session.employeeNo} 第${cycle}回 第${n + 1}次`) }));
    for (const save of saves) {
      const res = await send(record, "autosave", `${base}${attempt.path}.data?index`, session.cookie, answerBody(save.position, save.response)).catch((error) => {
        attempt.record.saves.push({ ...save, outcome: "unanswered" });
        throw error;
      });
      const acked = res.status === 200 && res.text.includes('"ok",true');
      attempt.record.saves.push({ ...save, outcome: acked ? "acked" : "refused" });
      if (!acked) return;
    }

    if (!(await reloadAndSubmit(base, session, attempt, record))) return;
    if (cycle === 1) record.takersCompleted += 1;
  }
}

/**
 * Reloads the attempt's page (it must show the last typed answer acknowledged) and submits it, as
 * the confirm step's button does. True when the submit was acknowledged (the redirect to the review).
 */
export async function reloadAndSubmit(base: string, session: Session, attempt: { path: string; record: AttemptRecord }, record: LoadRecord): Promise<boolean> {
  const page = await send(record, "page", `${base}${attempt.path}`, session.cookie);
  if (page.status !== 200) return false;
  const lastText = attempt.record.saves.filter((s) => s.outcome === "acked" && "text" in s.response).at(-1);
  if (lastText && !page.text.includes((lastText.response as { text: string }).text)) record.reloadsMissingAnswer.push(`${session.employeeNo} #${attempt.record.attemptId}`);
  return submit(base, session, attempt, record);
}

/** Submits the attempt (intent=submit); true when acknowledged by the redirect to its review. */
export async function submit(base: string, session: Session, attempt: { path: string; record: AttemptRecord }, record: LoadRecord): Promise<boolean> {
  attempt.record.submit = "unanswered";
  const submitted = await send(record, "submit", `${base}${attempt.path}?index`, session.cookie, "intent=submit");
  attempt.record.submit = submitted.status === 302 && submitted.location === `${attempt.path}/review` ? "acked" : "refused";
  return attempt.record.submit === "acked";
}

export const attemptPath = (quizId: number, attemptId: number) => `/quizzes/${quizId}/attempts/${attemptId}`;

/** POST /quizzes/:id/start (the Start button): the redirect names the attempt. Null when refused. */
export async function startAttempt(base: string, quizId: number, session: Session, record: LoadRecord) {
  const res = await send(record, "start", `${base}/quizzes/${quizId}/start`, session.cookie, "").catch((error) => {
    record.unansweredStarts.set(session.employeeNo, (record.unansweredStarts.get(session.employeeNo) ?? 0) + 1);
    throw error;
  });
  const match = res.status === 302 ? new RegExp(`^/quizzes/${quizId}/attempts/(\\d+)$`).exec(res.location ?? "") : null;
  if (!match) return null;
  const attemptId = Number(match[1]);
  // Starting again resumes the attempt in progress: the same record goes on.
  const known = record.attempts.get(attemptId);
  const attemptRecord = known ?? { attemptId, taker: session.employeeNo, saves: [], submit: "not sent" as const };
  record.attempts.set(attemptId, attemptRecord);
  return { path: match[0], record: attemptRecord };
}

/** A supervisor who keeps the quiz statistics open and reloads them (a page of every attempt). */
async function supervisor(options: LoadOptions, record: LoadRecord, deadline: number) {
  while (Date.now() < deadline) {
    const res = await send(record, "statistics", `${options.base}/quizzes/${options.fixture.quizId}/stats`, options.supervisor.cookie);
    if (res.status !== 200) return;
  }
}

/** A committee member casting a ballot and changing it, and changing it again until time is up. */
async function member(options: LoadOptions, session: Session, record: LoadRecord, deadline: number) {
  const random = seededRandom(seedFrom(`${options.run}:${session.employeeNo}`));
  for (let n = 0; n < 2 || Date.now() < deadline; n++) {
    const vote = VOTE_CHOICES[Math.floor(random() * VOTE_CHOICES.length)];
    const form = new URLSearchParams({ intent: "ballot", itemId: String(options.itemId), vote, comment: `${session.employeeNo} 意見` });
    // A whole score sheet within each criterion's weight (an abstention may carry one too).
    let total = 0;
    for (const [criterion, weight] of Object.entries(options.fixture.rubric)) {
      const score = Math.floor(random() * (weight + 1));
      form.set(`score_${criterion}`, String(score));
      total += score;
    }
    const ballot: VoteRecord = { member: session.employeeNo, itemId: options.itemId, vote, total, outcome: "unanswered" };
    record.votes.push(ballot);
    const res = await send(record, "vote", `${options.base}/committee/rounds/${options.fixture.roundId}`, session.cookie, form.toString());
    ballot.outcome = res.status === 302 && (res.location ?? "").includes("notice=saved") ? "acked" : "refused";
    if (ballot.outcome !== "acked") return;
  }
}

/**
 * Everyone at once until `seconds` have passed and the attempts under way are submitted, or until
 * the server stops answering (each person stops at their first request without an answer).
 */
export async function runLoad(options: LoadOptions, record = newRecord()): Promise<LoadRecord> {
  const started = Date.now();
  const cpu = process.cpuUsage();
  const deadline = started + options.seconds * 1000;
  const swallow = (error: unknown) => {
    if (!(error instanceof NoAnswer)) throw error;
  };
  await Promise.all([
    ...options.takers.map((s) => taker(options, s, record, deadline).catch(swallow)),
    ...options.members.map((s) => member(options, s, record, deadline).catch(swallow)),
    supervisor(options, record, deadline).catch(swallow),
  ]);
  record.seconds = (Date.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  record.clientCpuSeconds = (used.user + used.system) / 1e6;
  return record;
}

// ---------------------------------------------------------------- figures

/** CPU seconds a process has used so far, from Linux's /proc (NaN elsewhere or once it has exited). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks of 1/100 s; the name in (…) may hold spaces.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** Requests answered, per second, latency percentiles per kind and errors by status, as a table. */
export function figures(record: LoadRecord) {
  const answered = record.samples.filter((s) => s.status !== 0);
  const byStatus: Record<string, number> = {};
  for (const s of record.samples) if (s.status === 0 || s.status >= 400) byStatus[s.status === 0 ? "no answer" : String(s.status)] = (byStatus[s.status === 0 ? "no answer" : String(s.status)] ?? 0) + 1;
  const kinds = REQUEST_KINDS.map((kind) => {
    const ms = record.samples.filter((s) => s.kind === kind && s.status !== 0).map((s) => s.ms).sort((a, b) => a - b);
    return { kind, requests: ms.length, p50: percentile(ms, 50), p90: percentile(ms, 90), p99: percentile(ms, 99), max: ms.at(-1) ?? NaN };
  });
  return { served: answered.length, seconds: record.seconds, perSecond: answered.length / record.seconds, kinds, errors: byStatus, fiveHundreds: answered.filter((s) => s.status >= 500).length };
}

export function printFigures(title: string, record: LoadRecord) {
  const f = figures(record);
  const ms = (n: number) => (Number.isNaN(n) ? "—" : String(Math.round(n)));
  const lines = [
    `\n${title}: ${f.served} requests served in ${f.seconds.toFixed(1)} s = ${f.perSecond.toFixed(1)} requests/s; ${record.attempts.size} attempts, ${record.votes.length} ballots sent`,
    `  ${"kind".padEnd(11)}${"requests".padStart(9)}${"p50 ms".padStart(9)}${"p90 ms".padStart(9)}${"p99 ms".padStart(9)}${"max ms".padStart(9)}`,
    ...f.kinds.map((k) => `  ${k.kind.padEnd(11)}${String(k.requests).padStart(9)}${ms(k.p50).padStart(9)}${ms(k.p90).padStart(9)}${ms(k.p99).padStart(9)}${ms(k.max).padStart(9)}`),
    `  CPU: portal process ${record.serverCpuSeconds === undefined ? "—" : `${record.serverCpuSeconds.toFixed(1)} s`}, simulated people ${record.clientCpuSeconds.toFixed(1)} s; errors by status: ${Object.keys(f.errors).length ? Object.entries(f.errors).map(([s, n]) => `${s} × ${n}`).join(", ") : "none"}`,
  ];
  console.log(lines.join("\n"));
  return f;
}
