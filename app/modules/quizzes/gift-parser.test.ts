import { describe, expect, it } from "vitest";
import { parseGift } from "./gift-parser";
import type { ParsedQuestion, QuestionType } from "./question-types";

/** Parses and insists on no errors. */
function parseOk(source: string): ParsedQuestion[] {
  const { questions, errors } = parseGift(source);
  expect(errors).toEqual([]);
  return questions;
}

/** Parses one question of the given type. */
function one<T extends QuestionType>(source: string, type: T): Extract<ParsedQuestion, { type: T }> {
  const questions = parseOk(source);
  expect(questions).toHaveLength(1);
  expect(questions[0].type).toBe(type);
  return questions[0] as Extract<ParsedQuestion, { type: T }>;
}

describe("parseGift: the examples of Moodle's GIFT documentation", () => {
  it("multiple choice: ~ wrong, = right", () => {
    const q = one("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}", "multichoice");
    expect(q).toMatchObject({
      text: "Who's buried in Grant's tomb?",
      name: "Who's buried in Grant's tomb?",
      textFormat: "moodle",
      single: true,
      answers: [
        { text: "Grant", fraction: 0, feedback: "" },
        { text: "Jefferson", fraction: 0, feedback: "" },
        { text: "no one", fraction: 1, feedback: "" },
      ],
    });
  });

  it("missing word: answers inside the sentence leave a _____ blank", () => {
    const q = one("Grant is {~buried =entombed ~living} in Grant's tomb.", "multichoice");
    expect(q.text).toBe("Grant is _____ in Grant's tomb.");
    expect(q.answers.map((a) => a.text)).toEqual(["buried", "entombed", "living"]);
    const cost = one("Moodle costs {~lots of money =nothing ~a small amount} to download from moodle.org.", "multichoice");
    expect(cost.text).toBe("Moodle costs _____ to download from moodle.org.");
  });

  it("answers written on separate, indented lines", () => {
    const [thanksgiving, japanese] = parseOk(
      [
        "The American holiday of Thanksgiving is celebrated on the {",
        "    ~second",
        "    ~third",
        "    =fourth",
        "} Thursday of November.",
        "",
        "Japanese characters originally came from what country? {",
        "    ~India",
        "    =China",
        "    ~Korea",
        "    ~Egypt}",
      ].join("\n"),
    );
    expect(thanksgiving).toMatchObject({
      type: "multichoice",
      text: "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.",
      answers: [{ text: "second" }, { text: "third" }, { text: "fourth", fraction: 1 }],
    });
    expect(japanese).toMatchObject({
      type: "multichoice",
      text: "Japanese characters originally came from what country?",
      answers: [{ text: "India" }, { text: "China", fraction: 1 }, { text: "Korea" }, { text: "Egypt" }],
      line: 7,
    });
  });

  it("short answer: every = answer is worth 100%, and a single answer may omit the =", () => {
    const grant = one("Who's buried in Grant's tomb?{=no one =nobody}", "shortanswer");
    expect(grant.answers).toEqual([
      { text: "no one", fraction: 1, feedback: "" },
      { text: "nobody", fraction: 1, feedback: "" },
    ]);
    const two = one("Two plus two equals {=four =4}.", "shortanswer");
    expect(two.text).toBe("Two plus two equals _____.");
    expect(two.answers.map((a) => a.text)).toEqual(["four", "4"]);
    const bare = one("Who's buried in Grant's tomb?{no one}", "shortanswer");
    expect(bare.answers).toEqual([{ text: "no one", fraction: 1, feedback: "" }]);
  });

  it("true-false: T, TRUE, F, FALSE", () => {
    const [a, b, c, d] = parseOk(
      "Grant is buried in Grant's tomb.{F}\n\nThe sun rises in the east.{T}\n\nx{TRUE}\n\ny{FALSE}",
    );
    expect(a).toMatchObject({ type: "truefalse", answer: false, text: "Grant is buried in Grant's tomb." });
    expect(b).toMatchObject({ type: "truefalse", answer: true });
    expect(c).toMatchObject({ type: "truefalse", answer: true });
    expect(d).toMatchObject({ type: "truefalse", answer: false });
  });

  it("true-false feedback: the first # is for a wrong response, the second for a right one (Moodle's split_truefalse_comment)", () => {
    const q = one("Grant is buried in Grant's tomb.{FALSE#No one is buried in Grant's tomb.}", "truefalse");
    // The statement is false, so the wrong response is "true": that student sees the first feedback.
    expect(q).toMatchObject({ answer: false, feedbackTrue: "No one is buried in Grant's tomb.", feedbackFalse: "" });
    const both = one("The sun rises in the east.{T#Look again at a sunrise.#Right, in the east.}", "truefalse");
    expect(both).toMatchObject({ answer: true, feedbackTrue: "Right, in the east.", feedbackFalse: "Look again at a sunrise." });
  });

  it("lower-case true/false is a short answer, as in Moodle", () => {
    expect(one("The sun rises in the east.{true}", "shortanswer").answers[0].text).toBe("true");
  });

  it("matching: =question -> answer, with general feedback", () => {
    const q = one(
      [
        "Match the following countries with their corresponding capitals. {",
        "    =Canada -> Ottawa",
        "    =Italy  -> Rome",
        "    =Japan  -> Tokyo",
        "    =India  -> New Delhi",
        "    ####It's good to know the capitals",
        "}",
      ].join("\n"),
      "matching",
    );
    expect(q.pairs).toEqual([
      { question: "Canada", answer: "Ottawa" },
      { question: "Italy", answer: "Rome" },
      { question: "Japan", answer: "Tokyo" },
      { question: "India", answer: "New Delhi" },
    ]);
    expect(q.generalFeedback).toBe("It's good to know the capitals");
  });

  it("numerical: answer with a tolerance", () => {
    const q = one("When was Ulysses S. Grant born?{#1822:5}", "numerical");
    expect(q.answers).toEqual([{ value: 1822, tolerance: 5, fraction: 1, feedback: "" }]);
    expect(q.otherwiseFeedback).toBeNull();
    const pi = one("What is the value of pi (to 3 decimal places)? {#3.14159:0.0005}.", "numerical");
    expect(pi.text).toBe("What is the value of pi (to 3 decimal places)? _____.");
    expect(pi.answers[0]).toMatchObject({ value: 3.14159, tolerance: 0.0005 });
  });

  it("numerical: a min..max range becomes midpoint ± half the width, as Moodle stores it", () => {
    const pi = one("What is the value of pi (to 3 decimal places)? {#3.141..3.142}.", "numerical");
    // (3.141 + 3.142) / 2 and 3.142 - 3.1415 without floating-point noise.
    expect(pi.answers[0]).toMatchObject({ value: 3.1415, tolerance: 0.0005 });
    const five = one("::Q6:: What is a number from 1 to 5? {#1..5}", "numerical");
    expect(five.answers).toEqual([{ value: 3, tolerance: 2, fraction: 1, feedback: "" }]);
  });

  it("numerical: several answers with partial credit, feedback, and feedback for any other response", () => {
    const q = one(
      [
        "When was Ulysses S. Grant born? {#",
        "    =1822:0      # Correct! Full credit.",
        "    =%50%1822:2  # He was born in 1822. Half credit for being close.",
        "    ~#Sorry, he was born in 1822.",
        "}",
      ].join("\n"),
      "numerical",
    );
    expect(q.answers).toEqual([
      { value: 1822, tolerance: 0, fraction: 1, feedback: "Correct! Full credit." },
      { value: 1822, tolerance: 2, fraction: 0.5, feedback: "He was born in 1822. Half credit for being close." },
    ]);
    expect(q.otherwiseFeedback).toBe("Sorry, he was born in 1822.");
  });

  it("numerical: negative numbers, decimals and exponents are numbers (PHP is_numeric)", () => {
    const q = one("x {#=-5:0.5 =%50%.5 =1e3}", "numerical");
    expect(q.answers.map((a) => [a.value, a.tolerance])).toEqual([[-5, 0.5], [0.5, 0], [1000, 0]]);
  });

  it("essay: an empty answer block", () => {
    const q = one("Write a short biography of Dag Hammarskjöld. {}", "essay");
    expect(q.text).toBe("Write a short biography of Dag Hammarskjöld.");
    expect(one("::Q8:: How are you? {####Any answer will do.}", "essay").generalFeedback).toBe("Any answer will do.");
  });

  it("description: text without an answer block", () => {
    const q = one("You can use your pencil and paper for these next math questions.", "description");
    expect(q.text).toBe("You can use your pencil and paper for these next math questions.");
    expect(q.generalFeedback).toBe("");
  });

  it("feedback after # for every kind of answer", () => {
    const mc = one(
      [
        "What's the answer to this multiple-choice question? {",
        "    ~wrong answer#feedback comment on the wrong answer",
        "    ~another wrong answer#feedback comment on this wrong answer",
        "    =right answer#Very good!}",
      ].join("\n"),
      "multichoice",
    );
    expect(mc.answers).toEqual([
      { text: "wrong answer", fraction: 0, feedback: "feedback comment on the wrong answer" },
      { text: "another wrong answer", fraction: 0, feedback: "feedback comment on this wrong answer" },
      { text: "right answer", fraction: 1, feedback: "Very good!" },
    ]);
    const sa = one("Who's buried in Grant's tomb?{\n=no one#excellent answer!\n=nobody#excellent answer too!}", "shortanswer");
    expect(sa.answers.map((a) => a.feedback)).toEqual(["excellent answer!", "excellent answer too!"]);
    const docs = one(
      "::Q2:: What's between orange and green in the spectrum?\n{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }",
      "multichoice",
    );
    expect(docs.answers[0]).toEqual({ text: "yellow", fraction: 1, feedback: "right; good!" });
  });

  it("percentage weights: partial credit in multiple choice and short answer", () => {
    const mc = one("Difficult question.{~wrong answer ~%50%half credit answer =full credit answer}", "multichoice");
    expect(mc.answers.map((a) => a.fraction)).toEqual([0, 0.5, 1]);
    const sa = one(
      [
        "::Jesus' hometown::Jesus Christ was from {",
        "    =Nazareth#Yes! That's right!",
        "    =%75%Nazereth#Right, but misspelled.",
        "    =%25%Bethlehem#He was born here, but not raised here.",
        "}.",
      ].join("\n"),
      "shortanswer",
    );
    expect(sa.name).toBe("Jesus' hometown");
    expect(sa.text).toBe("Jesus Christ was from _____.");
    expect(sa.answers).toEqual([
      { text: "Nazareth", fraction: 1, feedback: "Yes! That's right!" },
      { text: "Nazereth", fraction: 0.75, feedback: "Right, but misspelled." },
      { text: "Bethlehem", fraction: 0.25, feedback: "He was born here, but not raised here." },
    ]);
  });

  it("multiple right answers: no =, weights adding up to 100%, negative weights for wrong ones", () => {
    const q = one(
      [
        "What two people are entombed in Grant's tomb? {",
        "    ~%-100%No one",
        "    ~%50%Grant",
        "    ~%50%Grant's wife",
        "    ~%-100%Grant's father",
        "}",
      ].join("\n"),
      "multichoice",
    );
    expect(q.single).toBe(false);
    expect(q.answers.map((a) => [a.text, a.fraction])).toEqual([
      ["No one", -1],
      ["Grant", 0.5],
      ["Grant's wife", 0.5],
      ["Grant's father", -1],
    ]);
  });

  it("accepts weights such as 33.33333% that Moodle rounds to 100% in total", () => {
    const q = one("Pick three. {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}", "multichoice");
    expect(q.answers[0].fraction).toBe(0.3333333);
    expect(one("Q {~%7%a ~%93%b}", "multichoice").answers[0].fraction).toBe(0.07); // not 0.07000000000000001
  });

  it("escapes: \\~ \\= \\# \\{ \\} \\: are literal characters, \\\\ a backslash, \\n a line break", () => {
    const q = one(
      [
        "::GIFT Control Characters::",
        "Which of the following is NOT a control character for the GIFT import format? \\n",
        "{",
        "   ~ \\~     # \\~ is a control character.",
        "   ~ \\=     # \\= is a control character.",
        "   ~ \\#     # \\# is a control character.",
        "   ~ \\{     # \\{ is a control character.",
        "   ~ \\}     # \\} is a control character.",
        "   = \\\\     # Correct! \\\\ (backslash) is not a control character.",
        "}",
      ].join("\n"),
      "multichoice",
    );
    expect(q.name).toBe("GIFT Control Characters");
    expect(q.text).toBe("Which of the following is NOT a control character for the GIFT import format?");
    expect(q.answers.map((a) => a.text)).toEqual(["~", "=", "#", "{", "}", "\\"]);
    expect(q.answers[5]).toEqual({ text: "\\", fraction: 1, feedback: "Correct! \\ (backslash) is not a control character." });
    const equals = one("Which answer equals 5? {\n   ~ \\= 2 + 2\n   = \\= 2 + 3\n   ~ \\= 2 + 4\n}", "multichoice");
    expect(equals.answers.map((a) => [a.text, a.fraction])).toEqual([["= 2 + 2", 0], ["= 2 + 3", 1], ["= 2 + 4", 0]]);
    const colon = one("::Time\\: now::It is 10\\:30\\nor later.{T}", "truefalse");
    expect(colon.name).toBe("Time: now");
    expect(colon.text).toBe("It is 10:30\nor later.");
  });

  it("a backslash before another character stays a backslash", () => {
    expect(one("C:\\Windows\\System32 is a folder.{T}", "truefalse").text).toBe("C:\\Windows\\System32 is a folder.");
  });

  it("the question-format examples of the documentation's quick reference", () => {
    const questions = parseOk(
      [
        "// true/false",
        "::Q1:: 1+1=2 {T}",
        "",
        "// fill-in-the-blank",
        "::Q3:: Two plus {=two =2} equals four.",
        "",
        "// matching",
        "::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food }",
        "",
        "// math range question",
        "::Q5:: What is a number from 1 to 5? {#3:2}",
        "",
        "// math range specified with interval end points",
        "::Q6:: What is a number from 1 to 5? {#1..5}",
        "// translated on import to the same as Q5, but unavailable from Moodle question interface",
      ].join("\n"),
    );
    expect(questions.map((q) => [q.name, q.type, q.line])).toEqual([
      ["Q1", "truefalse", 2],
      ["Q3", "shortanswer", 5],
      ["Q4", "matching", 8],
      ["Q5", "numerical", 11],
      ["Q6", "numerical", 14],
    ]);
    expect(questions[0].text).toBe("1+1=2");
    const [q5, q6] = questions.slice(3);
    expect({ ...q5, name: "", text: "", line: 0 }).toEqual({ ...q6, name: "", text: "", line: 0 });
  });
});

describe("parseGift: names, formats, comments, categories, ids and tags", () => {
  it("takes ::title:: as the name, else the start of the text like Moodle (80 characters, cut at a word)", () => {
    expect(one("::Q1::Text{T}", "truefalse").name).toBe("Q1");
    const long = `${"word ".repeat(30)}end{T}`;
    const name = one(long, "truefalse").name;
    expect(name.endsWith("...")).toBe(true);
    expect(Array.from(name).length).toBeLessThanOrEqual(80);
    expect(name).toBe(`${"word ".repeat(15)}...`);
  });

  it("derives a Chinese name by cutting at any character, strips HTML tags, and folds line breaks", () => {
    const text = "依".repeat(100);
    expect(one(`${text}{T}`, "truefalse").name).toBe(`${"依".repeat(77)}...`);
    expect(one("[html]<p>戶籍<b>登記</b></p>{T}", "truefalse").name).toBe("戶籍登記");
    expect(one("第一行\n第二行{T}", "truefalse").name).toBe("第一行 第二行");
  });

  it("an unclosed :: is dropped and the name comes from the text (Moodle)", () => {
    const q = one("::No end of title {T}", "truefalse");
    expect(q.text).toBe("No end of title");
    expect(q.name).toBe("No end of title");
  });

  it("reads [markdown], [html], [plain] and [moodle]; the default is moodle; other [..] is text", () => {
    expect(one("[markdown]Which **one** is *right*?{T}", "truefalse")).toMatchObject({
      textFormat: "markdown",
      text: "Which **one** is *right*?",
    });
    expect(one("::Q1::[html]<p>What's <b>the</b> answer?</p>{T}", "truefalse")).toMatchObject({
      textFormat: "html",
      text: "<p>What's <b>the</b> answer?</p>",
    });
    expect(one("[plain]a < b{T}", "truefalse").textFormat).toBe("plain");
    expect(one("[moodle]x{T}", "truefalse").textFormat).toBe("moodle");
    expect(one("[注意] 請閱讀下列條文{T}", "truefalse")).toMatchObject({ textFormat: "moodle", text: "[注意] 請閱讀下列條文" });
  });

  it("strips a format marker from answers and feedback too (their format follows the question's)", () => {
    const q = one("[html]Pick {=[html]<b>a</b>#[html]<i>yes</i> ~b}", "multichoice");
    expect(q.answers[0]).toEqual({ text: "<b>a</b>", fraction: 1, feedback: "<i>yes</i>" });
  });

  it("general feedback after ####, with a format of its own", () => {
    const q = one("Pick {=a ~b ####Because a.}", "multichoice");
    expect(q.generalFeedback).toBe("Because a.");
    expect(one("[html]x {T####[html]<p>gf</p>}", "truefalse").generalFeedback).toBe("<p>gf</p>");
  });

  it("only whole lines starting with // are comments; // inside text is kept", () => {
    const [q] = parseOk(
      [
        "// a comment before the question",
        "   // an indented comment",
        "請參考 https://law.moj.gov.tw// 的條文",
        "// a comment inside the question",
        "{T}",
      ].join("\n"),
    );
    expect(q.text).toBe("請參考 https://law.moj.gov.tw// 的條文");
    expect(q.line).toBe(3);
  });

  it("a block of comments only is skipped", () => {
    expect(parseGift("// just a comment\n// and another\n\nQ{T}").questions).toHaveLength(1);
  });

  it("reads [id:…] and several [tag:…] from the comment lines of the question (Moodle 4.x)", () => {
    const q = one(
      "// question: 42  name: something\n// [id:hr-48-001] [tag:戶籍法]\n// [tag:申請期限] [tag:escaped\\]bracket]\nQ{T}",
      "truefalse",
    );
    expect(q.id).toBe("hr-48-001");
    expect(q.tags).toEqual(["戶籍法", "申請期限", "escaped]bracket"]);
  });

  it("has no id and no tags without them, and the first [id:] wins", () => {
    expect(one("Q{T}", "truefalse")).toMatchObject({ id: null, tags: [] });
    expect(one("// [id:first] [id:second]\nQ{T}", "truefalse").id).toBe("first");
  });

  it("an id comment separated by a blank line does not belong to the question (as in Moodle)", () => {
    expect(one("// [id:lost]\n\nQ{T}", "truefalse").id).toBeNull();
  });

  it("keeps the latest $CATEGORY for the following questions, without $course$/ and top/", () => {
    const questions = parseOk(
      [
        "A{T}",
        "",
        "$CATEGORY: tom/dick/harry",
        "",
        "B{T}",
        "",
        "C{T}",
        "",
        "$CATEGORY: $course$/top/Default for 戶籍法/遷徙登記",
        "",
        "D{T}",
        "",
        "$CATEGORY: $system$/top",
        "",
        "E{T}",
        "",
        "$CATEGORY: $course$/Default for 101",
        "F{T}",
      ].join("\n"),
    );
    expect(questions.map((q) => [q.text, q.category])).toEqual([
      ["A", ""],
      ["B", "tom/dick/harry"],
      ["C", "tom/dick/harry"],
      ["D", "Default for 戶籍法/遷徙登記"],
      ["E", ""],
      ["F", "Default for 101"],
    ]);
    // F sat right under its $CATEGORY line, without a blank line; it is still a question.
    expect(questions[5].line).toBe(18);
  });
});

describe("parseGift: files as clerks save them", () => {
  it("ignores a UTF-8 BOM and reads CRLF and old-Mac CR line ends", () => {
    const crlf = parseOk("\uFEFF// [id:a]\r\n::Q1::Text{T}\r\n\r\n::Q2::Other{F}\r\n");
    expect(crlf.map((q) => [q.name, q.id, q.line])).toEqual([
      ["Q1", "a", 2],
      ["Q2", null, 4],
    ]);
    expect(crlf[0].text).toBe("Text");
    expect(parseOk("A{T}\r\rB{F}").map((q) => q.text)).toEqual(["A", "B"]);
  });

  it("separates questions by blank lines, including lines of spaces, tabs or full-width spaces", () => {
    expect(parseOk("A{T}\n   \nB{T}\n\t\nC{T}\n\u3000\nD{T}").map((q) => q.text)).toEqual(["A", "B", "C", "D"]);
  });

  it("keeps a question text over several lines, each line trimmed (Moodle trims lines)", () => {
    const q = one("  第一行  \n\t第二行\n{T}", "truefalse");
    expect(q.text).toBe("第一行\n第二行");
  });

  it("a law question in Traditional Chinese, with its explanation in ####", () => {
    const [q] = parseOk(
      [
        "$CATEGORY: $course$/top/法規/戶籍法",
        "",
        "// [id:hr-48-001] [tag:戶籍法] [tag:申請期限]",
        "::戶籍法第48條 出生登記期限::依戶籍法第 48 條規定，出生登記至遲應於出生後幾日內申請？{",
        "\t~十五日",
        "\t~三十日#三十日是一般戶籍登記的申請期限。",
        "\t=六十日#正確。",
        "\t~九十日",
        "\t####戶籍法第 48 條：戶籍登記之申請，應於事件發生或確定後三十日內為之。但出生登記至遲應於六十日內為之。",
        "}",
      ].join("\n"),
    );
    expect(q).toEqual({
      type: "multichoice",
      id: "hr-48-001",
      tags: ["戶籍法", "申請期限"],
      category: "法規/戶籍法",
      name: "戶籍法第48條 出生登記期限",
      textFormat: "moodle",
      text: "依戶籍法第 48 條規定，出生登記至遲應於出生後幾日內申請？",
      generalFeedback: "戶籍法第 48 條：戶籍登記之申請，應於事件發生或確定後三十日內為之。但出生登記至遲應於六十日內為之。",
      line: 4,
      single: true,
      answers: [
        { text: "十五日", fraction: 0, feedback: "" },
        { text: "三十日", fraction: 0, feedback: "三十日是一般戶籍登記的申請期限。" },
        { text: "六十日", fraction: 1, feedback: "正確。" },
        { text: "九十日", fraction: 0, feedback: "" },
      ],
    });
  });

  it("keeps a full-width space that indents Chinese text (Moodle trims with PHP trim)", () => {
    expect(one("\u3000\u3000依戶籍法規定{T}", "truefalse").text).toBe("\u3000\u3000依戶籍法規定");
  });

  it("Chinese short answer, matching and numerical questions", () => {
    const [sa, match, num] = parseOk(
      [
        "辦理戶籍登記的機關是 {=戶政事務所 =戶所#也可以。} 。",
        "",
        "請配對下列登記與申請期限：{",
        "=出生登記 -> 六十日內",
        "=遷入登記 -> 三十日內",
        "= -> 九十日內",
        "}",
        "",
        "戶籍登記原則上應於事件發生後幾日內申請？{#30####戶籍法第 48 條。}",
      ].join("\n"),
    );
    expect(sa).toMatchObject({ type: "shortanswer", text: "辦理戶籍登記的機關是 _____ 。" });
    expect(match).toMatchObject({
      type: "matching",
      pairs: [
        { question: "出生登記", answer: "六十日內" },
        { question: "遷入登記", answer: "三十日內" },
        { question: "", answer: "九十日內" },
      ],
    });
    expect(num).toMatchObject({ type: "numerical", answers: [{ value: 30, tolerance: 0 }], generalFeedback: "戶籍法第 48 條。" });
  });
});

describe("parseGift: rejected questions are reported with their line, and the rest still parse", () => {
  function errorsOf(source: string) {
    return parseGift(source).errors;
  }

  it("a multiple-choice question without a right answer", () => {
    const { questions, errors } = parseGift(
      ["::ok1::A{T}", "", "", "// [id:bad]", "::bad::Which?{~a ~b ~c}", "", "::ok2::B{F}"].join("\n"),
    );
    expect(questions.map((q) => q.name)).toEqual(["ok1", "ok2"]);
    expect(errors).toEqual([
      { line: 5, message: "第 5 行：選擇題沒有標示正確答案（=）。", excerpt: "::bad::Which?{~a ~b ~c}" },
    ]);
  });

  it("weights of a multiple-answer question that do not add up to 100%", () => {
    expect(errorsOf("Q {~%50%a ~%30%b ~c}")[0].message).toBe(
      "第 1 行：複選題所有正確選項的百分比加總必須是 100%（目前是 80%）。",
    );
  });

  it("a weight outside -100%..100%", () => {
    expect(errorsOf("Q {~%150%a =b}")[0].message).toContain("-100% 到 100%");
  });

  it("a multiple-choice question with one choice", () => {
    expect(errorsOf("Q {=a ~}")[0].message).toBe("第 1 行：選擇題至少需要兩個選項。");
  });

  it("unbalanced braces, with the line where the question starts", () => {
    const source = ["A{T}", "", "Missing close {=a ~b", "more text", "", "Missing open =a ~b}", "", "B{F}"].join("\n");
    const { questions, errors } = parseGift(source);
    expect(questions.map((q) => q.text)).toEqual(["A", "B"]);
    expect(errors.map((e) => e.line)).toEqual([3, 6]);
    for (const e of errors) expect(e.message).toContain("大括號沒有成對");
    expect(errors[0].excerpt).toBe("Missing close {=a ~b");
  });

  it("a closing brace before the opening one, or braces inside the answers", () => {
    expect(errorsOf("A } b {=c}")[0].message).toContain("大括號沒有成對");
    expect(errorsOf("A {=b {=c}")[0].message).toContain("大括號沒有成對");
    expect(errorsOf("A {=b} c }")[0].message).toContain("大括號沒有成對");
  });

  it("two questions without a blank line between them", () => {
    const { errors } = parseGift("第一題 {T}\n第二題 {F}");
    expect(errors[0].message).toBe(
      "第 1 行：一題只能有一組答案「{ }」。如果這是兩題，中間要空一行；題目文字裡要用大括號時，請寫成 \\{ 或 \\}。",
    );
  });

  it("answers cut off from their text by a blank line", () => {
    const { questions, errors } = parseGift("這是題目\n\n{=a ~b}");
    expect(questions.map((q) => q.type)).toEqual(["description"]);
    expect(errors[0]).toMatchObject({ line: 3, message: "第 3 行：題目沒有文字（題目文字和答案之間不可以有空白行）。" });
  });

  it("numerical answers that are not numbers", () => {
    expect(errorsOf("Q {#abc}")[0].message).toBe("第 1 行：數值題的答案不是數字：「abc」。");
    expect(errorsOf("Q {#1822:x}")[0].message).toBe("第 1 行：數值題的誤差不是數字：「x」。");
    expect(errorsOf("Q {#１８２２}")[0].message).toBe("第 1 行：數值題的答案不是數字：「１８２２」。請改用半形數字與符號。");
    expect(errorsOf("Q {#5..1}")[0].message).toBe("第 1 行：數值題的範圍下限大於上限：「5..1」。");
    expect(errorsOf("Q {#5:-1}")[0].message).toBe("第 1 行：數值題的誤差不可以是負數：「5:-1」。");
    expect(errorsOf("Q {#}")[0].message).toBe("第 1 行：數值題沒有答案。");
    expect(errorsOf("Q {#=%50%5}")[0].message).toBe("第 1 行：數值題至少需要一個 100% 的答案。");
  });

  it("matching questions with fewer than two pairs or a pair without ->", () => {
    expect(errorsOf("Q {=a -> b}")[0].message).toBe("第 1 行：配合題至少需要兩組配對（=題目 -> 答案）。");
    expect(errorsOf("Q {=a -> b = -> c}")[0].message).toContain("配合題至少需要兩組配對");
    expect(errorsOf("Q {=a -> b =c}")[0].message).toBe(
      "第 1 行：配合題的每一組都要寫成「=題目 -> 答案」，這一組少了「->」：「c」。",
    );
    expect(errorsOf("Q {=a -> b =c -> }")[0].message).toBe("第 1 行：配合題「c」的配對答案是空白的。");
  });

  it("short-answer questions without a (full-credit) answer", () => {
    expect(errorsOf("Q {=}")[0].message).toBe("第 1 行：簡答題沒有答案。");
    expect(errorsOf("Q {=%50%almost}")[0].message).toBe("第 1 行：簡答題至少需要一個 100% 的正確答案（=答案）。");
  });

  it("reports every bad question of a file, in order, with later line numbers correct", () => {
    const source = [
      "\uFEFF$CATEGORY: 法規",
      "",
      "// [id:1]",
      "好題目一 {T}",
      "",
      "壞題目一 {~a ~b}",
      "",
      "好題目二",
      "{",
      "=a",
      "~b",
      "}",
      "",
      "壞題目二 {#一百}",
      "",
      "壞題目三 {=a -> b}",
      "",
      "好題目三 {F}",
    ].join("\r\n");
    const { questions, errors } = parseGift(source);
    expect(questions.map((q) => [q.text, q.line, q.category])).toEqual([
      ["好題目一", 4, "法規"],
      ["好題目二", 8, "法規"],
      ["好題目三", 18, "法規"],
    ]);
    expect(errors.map((e) => [e.line, e.excerpt])).toEqual([
      [6, "壞題目一 {~a ~b}"],
      [14, "壞題目二 {#一百}"],
      [16, "壞題目三 {=a -> b}"],
    ]);
    for (const e of errors) expect(e.message).toMatch(new RegExp(`^第 ${e.line} 行：`));
  });

  it("shortens a long excerpt", () => {
    const { errors } = parseGift(`${"長".repeat(100)} {~a ~b}`);
    expect(errors[0].excerpt).toBe(`${"長".repeat(60)}…`);
  });

  it("returns nothing for an empty file", () => {
    expect(parseGift("")).toEqual({ questions: [], errors: [] });
    expect(parseGift("\uFEFF\r\n\r\n")).toEqual({ questions: [], errors: [] });
  });
});
