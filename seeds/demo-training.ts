// Demo training for 府北戶所 (seed 基礎服務 3.(1) 「每年不定期辦理各項專業教育訓練、經驗分享座談等，督導同仁完成
// 數位學習，並配合主管機關遴派人選參與訓練」, 服務友善 5 電話禮貌): past sessions with attendance, one past
// session whose attendance is still to be taken, upcoming ones (one full with a waitlist, one required),
// e-learning records (approved, waiting, returned), outside-training nominations and this year's target.
// Dates move with "now" so the calendar always has something this month. Written through the module's
// own functions; deterministic (a seeded generator decides who attends).
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { CurrentUser } from "../app/modules/auth/session.server";
import { actor } from "./actor";
import { seededRandom } from "../app/modules/quizzes/shuffle";
import {
  createSession,
  markAttendance,
  nominate,
  recordNominationOutcome,
  reportElearning,
  reviewElearning,
  setTarget,
  signUp,
  type SessionInput,
} from "../app/modules/training/training.server";

const DAY = 86_400_000;

/** `hour`:`minute` Taipei time, `days` from today (Taipei). */
function taipeiDay(now: Date, days: number, hour: number, minute = 0): Date {
  const taipei = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(taipei.getUTCFullYear(), taipei.getUTCMonth(), taipei.getUTCDate() + days, hour - 8, minute));
}

const ymd = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function base(overrides: Partial<SessionInput> & Pick<SessionInput, "title" | "kind" | "dates" | "creditedHours">): SessionInput {
  return {
    description: "",
    instructor: "",
    place: "本所2樓會議室",
    capacity: null,
    required: false,
    approvalRequired: false,
    audienceWholeOffice: true,
    audienceRoles: [],
    audienceUserIds: [],
    materials: [],
    ...overrides,
  };
}

export async function seedDemoTraining(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  const office = await db.selectFrom("offices").select("id").where("code", "=", "FUBEI").executeTakeFirst();
  if (!office) return;
  if (await db.selectFrom("trainingSessions").select("id").where("officeId", "=", office.id).limit(1).executeTakeFirst()) return;

  const supervisor = await actor(db, "FB002");
  const director = await actor(db, "FB001");
  const staffNos = Array.from({ length: 30 }, (_, i) => `FB${String(i + 10).padStart(3, "0")}`);
  const staff = await Promise.all(staffNos.map((no) => actor(db, no)));
  const random = seededRandom(115);
  const year = Number(new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Taipei", year: "numeric" }).format(now));
  await setTarget(db, director, year, { totalHours: 20, digitalHours: 5 });

  /** A session held `days` ago: created and signed up for two weeks before, attendance taken after. */
  async function past(input: SessionInput, attendees: CurrentUser[], marks = true) {
    const before = new Date(input.dates[0].startsAt.getTime() - 14 * DAY);
    const id = await createSession(db, supervisor, input, before);
    for (const person of attendees) await signUp(db, person, id, before).catch(() => undefined); // required: already enrolled
    if (!marks) return id;
    const after = new Date(input.dates[input.dates.length - 1].endsAt.getTime() + DAY);
    const enrolled = await db.selectFrom("enrolments").select("userId").where("sessionId", "=", id).where("status", "=", "booked").execute();
    const list = enrolled.map(({ userId }) => {
      const r = random();
      const mark =
        r < 0.8
          ? ({ status: "attended" } as const)
          : r < 0.88
            ? ({ status: "partly_attended", hours: Math.max(0.5, input.creditedHours - 1) } as const)
            : r < 0.95
              ? ({ status: "excused" } as const)
              : ({ status: "absent" } as const);
      return { userId, mark };
    });
    await markAttendance(db, supervisor, id, list, after);
    return id;
  }

  const span = (days: number, startHour: number, hours: number) => {
    const startsAt = taipeiDay(now, days, startHour);
    return [{ startsAt, endsAt: new Date(startsAt.getTime() + hours * 3_600_000) }];
  };

  await past(
    base({
      title: "戶籍法及施行細則修正重點說明",
      kind: "professional",
      instructor: "民政局戶政科 林科長",
      creditedHours: 3,
      required: true,
      dates: span(-240, 14, 3),
      description: "說明本年度戶籍法施行細則修正條文、應備文件變更與常見疑義。",
      materials: [{ label: "修正條文對照表（全國法規資料庫）", url: "https://law.moj.gov.tw/" }],
    }),
    [],
  );
  await past(
    base({ title: "電話禮儀與應對技巧訓練", kind: "phone_etiquette", instructor: "外聘講師 陳老師", creditedHours: 2, required: true, dates: span(-160, 9, 2) }),
    [],
  );
  await past(
    base({ title: "跨機關通報經驗分享座談", kind: "experience_sharing", instructor: "戶籍課 課長", creditedHours: 2, capacity: 20, dates: span(-75, 15, 2) }),
    staff.slice(0, 16),
  );
  await past(
    base({ title: "10月份法令測驗逐題解說", kind: "law_quiz_review", instructor: "課長", creditedHours: 1, dates: span(-23, 16, 1) }),
    staff.slice(4, 26),
  );
  // Held three days ago; its attendance has not been taken yet (the dashboards flag it).
  await past(base({ title: "多元文化與新住民服務研習", kind: "professional", instructor: "移民署 專員", creditedHours: 2, dates: span(-3, 14, 2) }), staff.slice(0, 12), false);

  // Upcoming: one full with a waitlist, one required, one open.
  const full = await createSession(
    db,
    supervisor,
    base({ title: "個人資料保護實務研習", kind: "professional", instructor: "法制室 專員", creditedHours: 3, capacity: 20, dates: span(6, 14, 3) }),
    now,
  );
  for (const person of staff.slice(0, 23)) await signUp(db, person, full, now);
  await createSession(
    db,
    supervisor,
    base({ title: "本月法令測驗逐題解說", kind: "law_quiz_review", instructor: "課長", creditedHours: 1, required: true, dates: span(12, 16, 1) }),
    now,
  );
  const forum = await createSession(
    db,
    supervisor,
    base({
      title: "年終為民服務經驗分享座談",
      kind: "experience_sharing",
      creditedHours: 3,
      // Two afternoons: 2 hours, then 1.
      dates: [...span(20, 14, 2), ...span(21, 14, 1)],
    }),
    now,
  );
  for (const person of staff.slice(10, 18)) await signUp(db, person, forum, now);

  // E-learning: most approved, some waiting for the supervisor, one returned.
  const courses = ["性別主流化", "個人資料保護法概論", "資通安全通識", "公務倫理", "政府採購法概要", "身心障礙者權利公約"];
  for (let i = 0; i < 24; i++) {
    const person = staff[i];
    const completed = taipeiDay(now, -10 - Math.floor(random() * 200), 12);
    const id = await reportElearning(db, person, {
      platform: "e等公務園+",
      course: courses[i % courses.length],
      hours: [1, 2, 2, 3][i % 4],
      completedOn: ymd(completed),
      certificateNumber: `EA${String(year - 1911)}${String(1000 + i)}`,
    });
    if (i < 19) await reviewElearning(db, supervisor, id, { approve: true });
    else if (i === 19) await reviewElearning(db, supervisor, id, { approve: false, reason: "證書字號與證書影本不符，請重新確認。" });
  }

  // Outside training (遴派).
  const [completed] = await nominate(db, supervisor, {
    userIds: [staff[2].id],
    course: "戶政人員專業訓練班",
    organiser: "內政部戶政司",
    startsOn: ymd(taipeiDay(now, -120, 9)),
    endsOn: ymd(taipeiDay(now, -118, 9)),
    hours: 12,
    note: "",
  });
  await recordNominationOutcome(db, supervisor, completed, "completed", 12);
  await nominate(db, supervisor, {
    userIds: [staff[7].id, staff[8].id],
    course: "新住民業務研習",
    organiser: "臺南市政府民政局",
    startsOn: ymd(taipeiDay(now, 15, 9)),
    endsOn: ymd(taipeiDay(now, 15, 9)),
    hours: 6,
    note: "請於研習後繳交心得",
  });
}
