// The question model of the semiannual employee survey (員工滿意度調查), its validation and the
// default template. Issue 7, "Running a survey"; seed 服務精進機制 1.(3) and 服務評價 4 (「每半年進行1次
// 員工滿意度調查」). Pure (ARCHITECTURE rule 6): the server stores a template as JSON on the round
// when it opens (questions are locked from then on) and asks these functions; nothing here reads a
// database.

/**
 * A question's id is stable across rounds ("env-1" means the same question in 115年上半年 and
 * 115年下半年), because comparison.ts matches rounds by id. Reword a question only in ways that
 * keep its meaning; a new meaning needs a new id. Lower-case ASCII words joined by hyphens.
 */
export type QuestionId = string;

export const QUESTION_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export type QuestionKind = "likert5" | "single_choice" | "multiple_choice" | "scale0to10" | "free_text";

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  likert5: "五等量表（非常不同意～非常同意）",
  single_choice: "單選題",
  multiple_choice: "複選題",
  scale0to10: "0–10 分量表",
  free_text: "文字題",
};

/** 1 … 5, the order on the form. Agreeing (4–5) is favourable: see `LikertQuestion`. */
export const LIKERT5_LABELS = {
  1: "非常不同意",
  2: "不同意",
  3: "普通",
  4: "同意",
  5: "非常同意",
} as const satisfies Record<1 | 2 | 3 | 4 | 5, string>;

export type Likert5Value = keyof typeof LIKERT5_LABELS;

/**
 * Free text is capped at 2000 characters, counted in Unicode code points (as PostgreSQL's
 * `char_length` counts them, so a database check agrees with this one; an emoji is one, not two).
 */
export const FREE_TEXT_MAX_LENGTH = 2000;

export interface ChoiceOption {
  /** Stored in the answers and stable across rounds, like question ids. */
  value: string;
  label: string;
  /** Shown under the label when the label alone is ambiguous (年資 band edges). */
  description?: string;
}

interface QuestionBase {
  id: QuestionId;
  text: string;
  required: boolean;
  /** A line of guidance under the question. */
  help?: string;
}

/**
 * Every Likert statement is worded so that agreeing is the favourable answer ("我的工作量合理"
 * rather than "我的工作量過重"). Reverse-scored items are not modelled: they confuse respondents in
 * short surveys and would make "favourable = 4–5" wrong for some questions.
 */
export interface LikertQuestion extends QuestionBase {
  kind: "likert5";
}

export interface ScaleQuestion extends QuestionBase {
  kind: "scale0to10";
  /** Labels of the two ends, e.g. 完全不可能 / 非常可能. */
  minLabel: string;
  maxLabel: string;
  /** The eNPS question (「您有多大可能推薦親友到本所服務？」). At most one per template. */
  enps?: boolean;
}

export interface SingleChoiceQuestion extends QuestionBase {
  kind: "single_choice";
  options: ChoiceOption[];
}

export interface MultipleChoiceQuestion extends QuestionBase {
  kind: "multiple_choice";
  options: ChoiceOption[];
  /** Defaults: 1 when required, 0 otherwise. */
  minSelected?: number;
  /** Default: every option. */
  maxSelected?: number;
}

export interface FreeTextQuestion extends QuestionBase {
  kind: "free_text";
}

export type Question = LikertQuestion | ScaleQuestion | SingleChoiceQuestion | MultipleChoiceQuestion | FreeTextQuestion;
export type ChoiceQuestion = SingleChoiceQuestion | MultipleChoiceQuestion;

export interface SurveySection {
  /** Stable across rounds, like question ids (section indices are compared by it). */
  id: string;
  title: string;
  description?: string;
  questions: Question[];
}

export interface SurveyTemplate {
  title: string;
  /** Shown on the first page, above the anonymity notice. */
  intro?: string;
  sections: SurveySection[];
}

export function isChoiceQuestion(question: Question): question is ChoiceQuestion {
  return question.kind === "single_choice" || question.kind === "multiple_choice";
}

export interface NumberedQuestion {
  question: Question;
  sectionId: string;
  /** 1-based across the whole template, the number printed on the form (第 n 題). */
  number: number;
}

/** Every question in form order, with its section and number. */
export function listQuestions(template: SurveyTemplate): NumberedQuestion[] {
  const out: NumberedQuestion[] = [];
  for (const section of template.sections) {
    for (const question of section.questions) out.push({ question, sectionId: section.id, number: out.length + 1 });
  }
  return out;
}

/** The eNPS question, or null when the template has none. */
export function enpsQuestion(template: SurveyTemplate): ScaleQuestion | null {
  for (const { question } of listQuestions(template)) {
    if (question.kind === "scale0to10" && question.enps) return question;
  }
  return null;
}

/** The bounds a multiple-choice answer must respect, with the defaults applied. */
export function selectionBounds(question: MultipleChoiceQuestion): { min: number; max: number } {
  return {
    min: question.minSelected ?? (question.required ? 1 : 0),
    max: question.maxSelected ?? question.options.length,
  };
}

// ------------------------------------------------------------------------------ validation

export interface TemplateProblem {
  /** Null for a problem of the whole template. */
  sectionId: string | null;
  questionId: QuestionId | null;
  message: string;
}

/**
 * Problems with a template (empty when it can be used for a round): a title; at least one
 * question; unique, well-formed section and question ids; text on every question; choice
 * questions with at least two options, unique values and labels; sensible selection bounds; at
 * most one eNPS question. A round cannot open with a template that has problems.
 */
export function validateTemplate(template: SurveyTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const problem = (sectionId: string | null, questionId: QuestionId | null, message: string) =>
    problems.push({ sectionId, questionId, message });

  if (template.title.trim() === "") problem(null, null, "問卷名稱不能空白。");
  if (template.sections.every((s) => s.questions.length === 0)) problem(null, null, "問卷至少要有一題。");

  const sectionIds = new Set<string>();
  const questionIds = new Set<QuestionId>();
  let enpsCount = 0;

  for (const section of template.sections) {
    const sid = section.id;
    if (!QUESTION_ID_PATTERN.test(sid)) problem(sid, null, `區塊代碼「${sid}」格式不正確：請用小寫英文字母、數字和連字號，例如 env。`);
    if (sectionIds.has(sid)) problem(sid, null, `區塊代碼「${sid}」重複。`);
    sectionIds.add(sid);
    if (section.title.trim() === "") problem(sid, null, `區塊「${sid}」的標題不能空白。`);
    if (section.questions.length === 0) problem(sid, null, `區塊「${section.title || sid}」沒有任何題目。`);

    for (const question of section.questions) {
      const qid = question.id;
      if (!QUESTION_ID_PATTERN.test(qid)) problem(sid, qid, `題目代碼「${qid}」格式不正確：請用小寫英文字母、數字和連字號，例如 env-1。`);
      if (questionIds.has(qid)) problem(sid, qid, `題目代碼「${qid}」重複；每一題的代碼必須不同，才能跨期比較。`);
      questionIds.add(qid);
      if (question.text.trim() === "") problem(sid, qid, `題目「${qid}」的題目文字不能空白。`);

      if (isChoiceQuestion(question)) {
        if (question.options.length < 2) problem(sid, qid, `題目「${qid}」至少要有兩個選項。`);
        const values = new Set<string>();
        const labels = new Set<string>();
        for (const option of question.options) {
          if (option.value.trim() === "") problem(sid, qid, `題目「${qid}」有選項的代碼空白。`);
          else if (values.has(option.value)) problem(sid, qid, `題目「${qid}」的選項代碼「${option.value}」重複。`);
          values.add(option.value);
          if (option.label.trim() === "") problem(sid, qid, `題目「${qid}」有選項的文字空白。`);
          else if (labels.has(option.label)) problem(sid, qid, `題目「${qid}」的選項「${option.label}」重複。`);
          labels.add(option.label);
        }
        if (question.kind === "multiple_choice") {
          const { min, max } = selectionBounds(question);
          const ok = Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= 1 && min <= max && max <= question.options.length;
          if (!ok) problem(sid, qid, `題目「${qid}」的可選項數設定不正確（至少 ${min} 項、最多 ${max} 項，共有 ${question.options.length} 個選項）。`);
          else if (question.required && min === 0) problem(sid, qid, `題目「${qid}」是必填題，至少要選 1 項。`);
        }
      }

      if (question.kind === "scale0to10") {
        if (question.minLabel.trim() === "" || question.maxLabel.trim() === "") problem(sid, qid, `題目「${qid}」須標示 0 分和 10 分代表的意思。`);
        if (question.enps) enpsCount += 1;
      }
    }
  }
  if (enpsCount > 1) problem(null, null, `員工淨推薦值（eNPS）只能指定一題，目前指定了 ${enpsCount} 題。`);
  return problems;
}

// ------------------------------------------------------------------------------ demographics

/**
 * A question about the respondent (課別, 年資) chosen at launch, asked apart from the template so
 * that results can be broken down by it. Always optional for the respondent, and never used for
 * a group below the threshold (results.ts). Offer few, broad options: every extra option makes
 * smaller groups, which are then hidden anyway.
 */
export interface DemographicQuestion {
  id: string;
  text: string;
  options: ChoiceOption[];
}

/**
 * The options offered at launch. 課別 has three groups because a small office has 戶籍課 and
 * 行政課 and a handful of others (主任, 秘書, 人事, 會計); each of those alone would be a group of
 * one, so they share 其他. 年資 counts service at this office; each band includes its lower edge.
 */
export const DEMOGRAPHIC_QUESTIONS = {
  unit: {
    id: "unit",
    text: "您服務的課別",
    options: [
      { value: "household", label: "戶籍課" },
      { value: "admin", label: "行政課" },
      { value: "other", label: "其他", description: "主任、秘書、人事、會計及其他人員" },
    ],
  },
  tenure: {
    id: "tenure",
    text: "您在本所服務的年資",
    options: [
      { value: "lt2", label: "未滿2年" },
      { value: "2to5", label: "2–5年", description: "2年以上，未滿5年" },
      { value: "5to10", label: "5–10年", description: "5年以上，未滿10年" },
      { value: "10plus", label: "10年以上" },
    ],
  },
} as const satisfies Record<string, DemographicQuestion>;

/** Problems with the demographic questions chosen at launch (ids unique and apart from the template's). */
export function validateDemographics(questions: readonly DemographicQuestion[], template?: SurveyTemplate): string[] {
  const problems: string[] = [];
  const templateIds = new Set(template ? listQuestions(template).map((q) => q.question.id) : []);
  const ids = new Set<string>();
  for (const q of questions) {
    if (!QUESTION_ID_PATTERN.test(q.id)) problems.push(`基本資料題代碼「${q.id}」格式不正確。`);
    if (ids.has(q.id)) problems.push(`基本資料題代碼「${q.id}」重複。`);
    if (templateIds.has(q.id)) problems.push(`基本資料題代碼「${q.id}」與問卷題目重複。`);
    ids.add(q.id);
    if (q.text.trim() === "") problems.push(`基本資料題「${q.id}」的題目文字不能空白。`);
    if (q.options.length < 2) problems.push(`基本資料題「${q.text || q.id}」至少要有兩個選項。`);
    if (new Set(q.options.map((o) => o.value)).size !== q.options.length) problems.push(`基本資料題「${q.text || q.id}」的選項代碼重複。`);
  }
  return problems;
}

// ------------------------------------------------------------------------------ default template

const likert = (id: QuestionId, text: string): LikertQuestion => ({ id, kind: "likert5", text, required: true });

/**
 * The default employee-satisfaction template of a household-registration office (issue 7).
 * 30 questions: 25 Likert statements, one eNPS question, two choice questions and two free-text
 * questions, about ten minutes. Likert and eNPS questions are required so that every index rests
 * on the same people; the choice and free-text questions are optional. No question asks for
 * anything that identifies a person (name, job title, age): the demographic questions are
 * separate, broad and optional.
 */
export const DEFAULT_TEMPLATE: SurveyTemplate = {
  title: "員工滿意度調查",
  intro:
    "本調查每半年辦理一次，用來了解同仁對工作環境、領導、溝通、訓練、負荷與獎勵的感受，作為本所改善的依據。" +
    "填答約需 10 分鐘，請依您實際的感受作答，答案沒有對錯。",
  sections: [
    {
      id: "env",
      title: "工作環境",
      questions: [
        likert("env-1", "我的辦公及櫃檯環境整潔、舒適。"),
        likert("env-2", "執行業務所需的設備（電腦、印表機、讀卡機等）充足且運作正常。"),
        likert("env-3", "戶役政資訊系統運作穩定，足以支應日常作業。"),
        likert("env-4", "遇到民眾情緒激動或發生衝突時，本所有適當的支援與處理方式，讓我感到安心。"),
      ],
    },
    {
      id: "lead",
      title: "主管領導",
      questions: [
        likert("lead-1", "我的主管能清楚說明工作目標與要求。"),
        likert("lead-2", "我的主管處事公正，對同仁一視同仁。"),
        likert("lead-3", "我遇到困難時，主管願意協助並給予支持。"),
        likert("lead-4", "我的主管會肯定同仁的努力與表現。"),
      ],
    },
    {
      id: "comm",
      title: "溝通協調",
      questions: [
        likert("comm-1", "法規修正、函釋及作業規定能及時傳達給我。"),
        likert("comm-2", "各課之間的協調與合作順暢。"),
        likert("comm-3", "我可以放心地向主管或同事表達不同的意見。"),
        likert("comm-4", "同事之間相處融洽，業務繁忙時願意互相支援。"),
      ],
    },
    {
      id: "train",
      title: "教育訓練",
      questions: [
        likert("train-1", "本所辦理的教育訓練對我的工作有實質幫助。"),
        likert("train-2", "我有足夠的機會參加專業訓練及經驗分享。"),
        likert("train-3", "我能在上班時間內完成規定的數位學習時數。"),
        {
          id: "train-4",
          kind: "multiple_choice",
          text: "您最希望本所加強哪些方面的訓練？（最多選 3 項）",
          required: false,
          maxSelected: 3,
          options: [
            { value: "law", label: "戶籍法規及案例研討" },
            { value: "nationality", label: "國籍、外籍配偶及跨國案件" },
            { value: "system", label: "戶役政資訊系統操作" },
            { value: "service", label: "服務禮儀與溝通技巧" },
            { value: "stress", label: "情緒管理與壓力調適" },
            { value: "digital", label: "資訊及文書處理能力" },
            { value: "other", label: "其他" },
          ],
        },
      ],
    },
    {
      id: "load",
      title: "工作負荷",
      questions: [
        likert("load-1", "我的工作量合理，大多能在上班時間內完成。"),
        likert("load-2", "本所的人力配置與業務量相當。"),
        likert("load-3", "我能兼顧工作與個人生活。"),
        likert("load-4", "本所的職務代理安排妥善，我需要請假時能安心請假。"),
        {
          id: "load-5",
          kind: "single_choice",
          text: "最近半年，您平均每週因公延長工作的時間大約是？",
          required: false,
          options: [
            { value: "none", label: "幾乎沒有" },
            { value: "lt3", label: "未滿3小時" },
            { value: "3to6", label: "3–6小時", description: "3小時以上，未滿6小時" },
            { value: "6plus", label: "6小時以上" },
          ],
        },
      ],
    },
    {
      id: "reward",
      title: "獎勵制度",
      questions: [
        likert("reward-1", "本所的考績與獎懲公平、公開。"),
        likert("reward-2", "表現優良的同仁能獲得適當的肯定與獎勵。"),
        likert("reward-3", "我清楚本所的獎勵標準及提報方式。"),
      ],
    },
    {
      id: "overall",
      title: "整體滿意度",
      questions: [
        likert("overall-1", "整體而言，我對在本所工作感到滿意。"),
        likert("overall-2", "身為本所的一員，我感到光榮。"),
        likert("overall-3", "如果可以選擇，未來一年我仍願意留在本所服務。"),
        {
          id: "overall-4",
          kind: "scale0to10",
          text: "您有多大可能推薦親友到本所服務？",
          help: "0 分代表完全不可能，10 分代表非常可能。",
          required: true,
          minLabel: "完全不可能",
          maxLabel: "非常可能",
          enps: true,
        },
      ],
    },
    {
      id: "suggest",
      title: "建議事項",
      description: "文字意見只在回覆人數足夠時整理列出，不會顯示填答者的任何資料。請避免寫下可辨識您身分的細節。",
      questions: [
        { id: "suggest-1", kind: "free_text", text: "您認為本所最值得保持的優點是什麼？", required: false },
        { id: "suggest-2", kind: "free_text", text: "您認為本所最需要改善的地方是什麼？有什麼具體建議？", required: false },
      ],
    },
  ],
};
