import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGift } from "./gift-parser";
import { GiftWriteError, escapeGift, writeGift } from "./gift-writer";
import type { ParsedQuestion, QuestionInput, TextFormat } from "./question-types";

/** The source line is the only thing a round trip may change. */
function withoutLines(questions: readonly ParsedQuestion[]) {
  return questions.map(({ line: _line, ...rest }) => rest);
}

/** parse → write → parse gives the same questions; returns the GIFT written. */
function expectRoundTrip(source: string): string {
  const first = parseGift(source);
  expect(first.errors).toEqual([]);
  const written = writeGift(first.questions, { includeCategories: true });
  const second = parseGift(written);
  expect(second.errors).toEqual([]);
  expect(withoutLines(second.questions)).toEqual(withoutLines(first.questions));
  return written;
}

/** write → parse gives the questions back. */
function expectWritable(questions: QuestionInput[]): string {
  const written = writeGift(questions);
  const parsed = parseGift(written);
  expect(parsed.errors).toEqual([]);
  expect(withoutLines(parsed.questions)).toEqual(questions.map(({ line: _line, ...rest }) => rest));
  return written;
}

const base = {
  id: null,
  tags: [],
  category: "",
  textFormat: "moodle" as TextFormat,
  generalFeedback: "",
};

const DOCUMENTATION_EXAMPLES = String.raw`// true/false
::Q1:: 1+1=2 {T}

// multiple choice with specified feedback for right and wrong answers
::Q2:: What's between orange and green in the spectrum?
{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }

// fill-in-the-blank
::Q3:: Two plus {=two =2} equals four.

// matching
::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food }

// math range question
::Q5:: What is a number from 1 to 5? {#3:2}

// math range specified with interval end points
::Q6:: What is a number from 1 to 5? {#1..5}

// multiple numeric answers with partial credit and feedback
::Q7:: When was Ulysses S. Grant born? {#
         =1822:0      # Correct! Full credit.
         =%50%1822:2  # He was born in 1822. Half credit for being close.
}

// essay
::Q8:: How are you? {}

Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}

Grant is {~buried =entombed ~living} in Grant's tomb.

Who's buried in Grant's tomb?{=no one =nobody}

Grant is buried in Grant's tomb.{FALSE#No one is buried in Grant's tomb.}

The sun rises in the east.{T#Look again.#Right.####Every day.}

Match the following countries with their corresponding capitals. {
    =Canada -> Ottawa
    =Italy  -> Rome
    =Japan  -> Tokyo
    =India  -> New Delhi
    ####It's good to know the capitals
}

What is the value of pi (to 3 decimal places)? {#3.141..3.142}.

When was Ulysses S. Grant born? {#
    =1822:0 # Correct!
    ~#He was born in 1822.
}

You can use your pencil and paper for these next math questions.

Difficult question.{~wrong answer ~%50%half credit answer =full credit answer}

::Jesus' hometown::Jesus Christ was from {
    =Nazareth#Yes! That's right!
    =%75%Nazereth#Right, but misspelled.
    =%25%Bethlehem#He was born here, but not raised here.
}.

What two people are entombed in Grant's tomb? {
    ~%-100%No one
    ~%50%Grant
    ~%50%Grant's wife
    ~%-100%Grant's father
}

::GIFT Control Characters::
Which of the following is NOT a control character for the GIFT import format? \n
{
   ~ \~     # \~ is a control character.
   ~ \=     # \= is a control character.
   ~ \#     # \# is a control character.
   ~ \{     # \{ is a control character.
   ~ \}     # \} is a control character.
   = \\     # Correct! \\ (backslash) is not a control character.
}

[markdown]Which **one** is the *right* answer?{=this ~that}

::Q1::[html]<p>What's <b>the</b> answer?</p>{=[html]<b>this</b>#[html]<i>yes</i> ~that####[html]<p>Because.</p>}
`;

describe("writeGift: parse → write → parse gives the same questions", () => {
  it("for every example of Moodle's GIFT documentation", () => {
    expectRoundTrip(DOCUMENTATION_EXAMPLES);
  });

  it("for a Traditional Chinese bank with categories, ids, tags and explanations", () => {
    const written = expectRoundTrip(
      [
        "$CATEGORY: $course$/top/法規/戶籍法",
        "",
        "// [id:hr-48-001] [tag:戶籍法] [tag:申請期限]",
        "::戶籍法第48條::依戶籍法第 48 條規定，出生登記至遲應於出生後幾日內申請？{",
        "~十五日",
        "~三十日#三十日是一般戶籍登記的申請期限。",
        "=六十日#正確。",
        "####戶籍法第 48 條：戶籍登記之申請，應於事件發生或確定後三十日內為之。但出生登記至遲應於六十日內為之。",
        "}",
        "",
        "// [id:hr-16-001]",
        "遷出登記後，原戶籍地戶政事務所應 {=通報 =通知#也可以。} 遷入地。",
        "",
        "$CATEGORY: $course$/top/法規/國籍法",
        "",
        "// [id:nat-3] [tag:國籍法]",
        "外國人申請歸化須合法居留繼續五年以上。{T####國籍法第 3 條。}",
        "",
        "$CATEGORY: $course$/top",
        "",
        "以下各題請以半形數字作答。",
      ].join("\n"),
    );
    expect(written).toContain("$CATEGORY: $course$/top/法規/戶籍法\n");
    expect(written).toContain("// [id:hr-48-001] [tag:戶籍法] [tag:申請期限]\n");
    expect(written).toContain("$CATEGORY: $course$/top/法規/國籍法\n");
    expect(written).toContain("$CATEGORY: $course$/top\n");
  });

  it("for escapes, line breaks, backslashes and text that looks like GIFT syntax", () => {
    expectRoundTrip(
      [
        String.raw`::a\:b\:\:c::Use \{braces\}, \~tilde, \=equals, \#hash and C:\\path\\n.\nSecond line.{`,
        String.raw`=50\% \= half#It\'s \#1`,
        String.raw`~%50%looks like a weight`,
        String.raw`}`,
        "",
        String.raw`[注意] 這段文字以方括號開頭 {=[不是格式] 答案 ~%0%%50%看起來像百分比}`,
        "",
        String.raw`Arrows -> in a true-false text {TRUE#wrong -> feedback#right -> feedback}`,
        "",
        String.raw`Matching {=a -> b -> c =\= left -> \~right = -> distractor}`,
      ].join("\n"),
    );
  });

  it("for missing-word questions, including a text that ends with the blank", () => {
    const written = expectRoundTrip(
      [
        "Grant is {~buried =entombed ~living} in Grant's tomb.",
        "",
        "It costs {=nothing} _____.",
        "",
        "Write about {} and more.",
        "",
        "{#42} is the answer.",
      ].join("\n"),
    );
    expect(written).toContain("::Grant is _____ in Grant's tomb.::Grant is {\n\t~buried\n\t=entombed\n\t~living\n} in Grant's tomb.");
  });

  it("for numerical ranges whose midpoint and tolerance are not round numbers", () => {
    expectRoundTrip("pi? {#3.141..3.142}\n\nsmall {#=0.1..0.3 =%33.333%1e-7:1e-9}\n\nbig {#1e21:1.5e20}");
  });

  it("for multiple-answer questions and odd weights", () => {
    expectRoundTrip(
      [
        "Pick three. {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}",
        "",
        "Pick two. {~%50%a ~%50%b ~%-33.3%d ~%0%e}",
        "",
        "Check boxes, one right. {~%100%c ~%-12.5%d ~%0%e}",
        "",
        "Partial. {=right ~%7%almost ~%-0.5%barely wrong}",
      ].join("\n"),
    );
  });
});

describe("writeGift: the GIFT it writes", () => {
  const mc: QuestionInput = {
    ...base,
    type: "multichoice",
    id: "q1",
    tags: ["t1", "t]2"],
    category: "法規/戶籍法",
    name: "Q1",
    text: "Who?",
    generalFeedback: "Because.",
    single: true,
    answers: [
      { text: "Grant", fraction: 0, feedback: "" },
      { text: "no one", fraction: 1, feedback: "Right!" },
      { text: "half", fraction: 0.5, feedback: "" },
    ],
  };

  it("looks like Moodle's export: id and tags comment, category, name, one answer per line", () => {
    expect(writeGift([mc])).toBe(
      [
        "$CATEGORY: $course$/top/法規/戶籍法",
        "",
        "// [id:q1] [tag:t1] [tag:t\\]2]",
        "::Q1::Who?{",
        "\t~Grant",
        "\t=no one#Right!",
        "\t~%50%half",
        "\t####Because.",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("writes a $CATEGORY line only when the category changes, and none when asked not to", () => {
    const questions: QuestionInput[] = [
      { ...base, type: "essay", name: "a", text: "a", category: "x" },
      { ...base, type: "essay", name: "b", text: "b", category: "x" },
      { ...base, type: "essay", name: "c", text: "c", category: "y" },
      { ...base, type: "essay", name: "d", text: "d", category: "" },
    ];
    const written = writeGift(questions);
    expect(written.match(/\$CATEGORY/g)).toHaveLength(3);
    expect(written).toContain("$CATEGORY: $course$/top\n");
    expectWritable(questions);
    const flat = writeGift(questions, { includeCategories: false });
    expect(flat).not.toContain("$CATEGORY");
    expect(parseGift(flat).questions.every((q) => q.category === "")).toBe(true);
  });

  it("writes the format of a non-default text as [html] etc., and true-false and essay inline", () => {
    expect(
      writeGift([
        {
          ...base,
          type: "truefalse",
          name: "tf",
          text: "<p>x</p>",
          textFormat: "html",
          answer: false,
          feedbackTrue: "wrong",
          feedbackFalse: "",
        },
        { ...base, type: "essay", name: "e", text: "Write.", generalFeedback: "Any." },
        { ...base, type: "description", name: "d", text: "Read this: {ok}" },
      ]),
    ).toBe("::tf::[html]<p>x</p>{FALSE#wrong}\n\n::e::Write.{####Any.}\n\n::d::Read this\\: \\{ok\\}\n");
  });

  it("writes numerical answers with weights, tolerances and feedback for other responses", () => {
    const written = expectWritable([
      {
        ...base,
        type: "numerical",
        name: "n",
        text: "When was Grant born?",
        answers: [
          { value: 1822, tolerance: 0, fraction: 1, feedback: "Correct!" },
          { value: 1822, tolerance: 2, fraction: 0.5, feedback: "" },
        ],
        otherwiseFeedback: "",
      },
    ]);
    expect(written).toBe("::n::When was Grant born?{#\n\t=1822#Correct!\n\t=%50%1822:2\n\t~\n}\n");
  });

  it("writes a second 100% choice of a single-answer question as ~%100%, so it stays multiple choice", () => {
    const written = expectWritable([
      {
        ...base,
        type: "multichoice",
        name: "m",
        text: "Either",
        single: true,
        answers: [
          { text: "a", fraction: 1, feedback: "" },
          { text: "b", fraction: 1, feedback: "" },
        ],
      },
    ]);
    expect(written).toContain("\t=a\n\t~%100%b\n");
  });

  it("keeps true-false feedback in Moodle's order (wrong, then right)", () => {
    for (const answer of [true, false]) {
      for (const [feedbackTrue, feedbackFalse] of [["", ""], ["t", ""], ["", "f"], ["t", "f"]]) {
        expectWritable([
          { ...base, type: "truefalse", name: "tf", text: "S", answer, feedbackTrue, feedbackFalse, generalFeedback: "g" },
        ]);
      }
    }
  });

  it("accepts questions built in code, without a line number", () => {
    expectWritable([{ ...base, type: "essay", name: "Essay", text: "Write something." }]);
  });

  it("escapes like Moodle's repchar()", () => {
    expect(escapeGift("a\\b#c=d~e{f}g:h\ni\r\n")).toBe("a\\\\b\\#c\\=d\\~e\\{f\\}g\\:h\\ni\\n");
  });

  it("refuses what GIFT cannot say, instead of writing a file that imports differently", () => {
    const sa: QuestionInput = {
      ...base,
      type: "shortanswer",
      name: "sa",
      text: "x",
      answers: [{ text: "a -> b", fraction: 1, feedback: "" }],
    };
    expect(() => writeGift([sa])).toThrow(GiftWriteError);
    expect(() => writeGift([sa])).toThrow("題目「sa」無法寫成 GIFT");
    const match: QuestionInput = {
      ...base,
      type: "matching",
      name: "m",
      text: "x",
      pairs: [
        { question: "a -> b", answer: "c" },
        { question: "d", answer: "e" },
      ],
    };
    expect(() => writeGift([match])).toThrow(GiftWriteError);
    expect(() => writeGift([{ ...base, type: "essay", name: "e", text: "x", id: "a[b" }])).toThrow(GiftWriteError);
    expect(() => writeGift([{ ...base, type: "essay", name: "e", text: "x", tags: ["<b>"] }])).toThrow(GiftWriteError);
    expect(() => writeGift([{ ...base, type: "essay", name: "e", text: "x", category: "a\nb" }])).toThrow(GiftWriteError);
    expect(() =>
      writeGift([
        {
          ...base,
          type: "multichoice",
          name: "m",
          text: "x",
          single: true,
          answers: [
            { text: "a", fraction: 0.5, feedback: "" },
            { text: "b", fraction: 0, feedback: "" },
          ],
        },
      ]),
    ).toThrow("單選題需要一個 100% 的正確答案");
  });
});

describe("writeGift: round trip of generated questions", () => {
  // A small deterministic generator (mulberry32), so a failure is reproducible.
  function random(seed: number) {
    let state = seed >>> 0;
    const next = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n: number) => Math.floor(next() * n);
    const pick = <T,>(items: readonly T[]): T => items[int(items.length)];
    return { next, int, pick };
  }

  // Everything GIFT treats specially, plus Chinese, full-width space and the missing-word blank.
  const PIECES = [
    "戶籍", "登記", "法", "a", "b", " ", " ", "\u3000", "\\", "#", "=", "~", "{", "}", ":", "::", "[", "]",
    "[html]", "%", "%50%", "_____", "-", ">", "\n", "\t", "//", "$CATEGORY:", "T", "####", "n", "\\n", "<",
  ];

  function generate(seed: number, count: number): QuestionInput[] {
    const r = random(seed);
    const text = (avoid: RegExp = /$^/) => {
      for (;;) {
        let s = "";
        const length = 1 + r.int(8);
        for (let i = 0; i < length; i++) s += r.pick(PIECES);
        s = s.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, "");
        if (s !== "" && !avoid.test(s)) return s;
      }
    };
    const maybe = (make: () => string) => (r.next() < 0.5 ? "" : make());
    const format = () => r.pick<TextFormat>(["moodle", "html", "plain", "markdown"]);
    const questions: QuestionInput[] = [];
    for (let i = 0; i < count; i++) {
      const common = {
        id: r.next() < 0.5 ? null : `id-${i}${maybe(() => "]x")}`,
        tags: r.next() < 0.5 ? [] : ["戶籍法", `tag ${i}]`],
        category: r.pick(["", "法規", "法規/戶籍法", "a b/c"]),
        // Names are cleaned of HTML tags on import, so a generated name has no "<".
        name: text(/</),
        textFormat: format(),
        text: text(),
        generalFeedback: maybe(() => text()),
      };
      switch (r.int(7)) {
        case 0:
          questions.push({
            ...common,
            type: "multichoice",
            single: true,
            answers: [
              { text: text(), fraction: 0, feedback: maybe(() => text()) },
              { text: text(), fraction: 1, feedback: maybe(() => text()) },
              { text: text(), fraction: r.pick([0, 0.5, -1, 1, 0.3333333]), feedback: "" },
            ],
          });
          break;
        case 1:
          questions.push({
            ...common,
            type: "multichoice",
            single: false,
            answers: [
              { text: text(), fraction: 0.5, feedback: maybe(() => text()) },
              { text: text(), fraction: 0.5, feedback: "" },
              { text: text(), fraction: r.pick([0, -0.5, -1]), feedback: maybe(() => text()) },
            ],
          });
          break;
        case 2:
          questions.push({
            ...common,
            type: "truefalse",
            answer: r.next() < 0.5,
            feedbackTrue: maybe(() => text()),
            feedbackFalse: maybe(() => text()),
          });
          break;
        case 3:
          questions.push({
            ...common,
            type: "shortanswer",
            answers: [
              { text: text(/->/), fraction: 1, feedback: maybe(() => text(/->/)) },
              { text: text(/->/), fraction: r.pick([1, 0.25, 0, -0.1]), feedback: "" },
            ],
          });
          break;
        case 4:
          questions.push({
            ...common,
            type: "numerical",
            answers: [
              { value: r.pick([0, 1822, -5, 3.1415, 1e-7, 1e21]), tolerance: r.pick([0, 2, 0.0004999999999999449]), fraction: 1, feedback: maybe(() => text()) },
              { value: r.next() * 1000 - 500, tolerance: r.next(), fraction: r.pick([0.5, 0]), feedback: "" },
            ],
            otherwiseFeedback: r.pick([null, "", "其他答案都不對"]),
          });
          break;
        case 5:
          questions.push({
            ...common,
            type: "matching",
            pairs: [
              { question: text(/->/), answer: text() },
              { question: text(/->/), answer: text() },
              { question: "", answer: text() },
            ],
          });
          break;
        default:
          questions.push({ ...common, type: r.pick(["essay", "description"] as const) });
          // A description has no answer block and so no general feedback.
          if (questions[questions.length - 1].type === "description") questions[questions.length - 1].generalFeedback = "";
      }
    }
    return questions;
  }

  it("keeps 400 questions full of special characters intact", () => {
    const questions = generate(20240611, 400);
    expect(new Set(questions.map((q) => q.type)).size).toBe(7);
    expectWritable(questions);
  });
});

describe("the project's question banks (quiz-banks/*.gift)", () => {
  const directory = new URL("../../../quiz-banks/", import.meta.url);
  const files = readdirSync(directory).filter((name) => name.endsWith(".gift"));

  it("parse without errors, every question with an id, and survive a round trip", () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const source = readFileSync(new URL(file, directory), "utf8");
      const { questions, errors } = parseGift(source);
      expect({ file, errors }).toEqual({ file, errors: [] });
      expect(questions.length).toBeGreaterThan(0);
      expect(questions.filter((q) => q.id === null).map((q) => q.line)).toEqual([]);
      expectRoundTrip(source);
    }
  });
});
