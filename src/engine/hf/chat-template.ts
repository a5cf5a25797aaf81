// Exports: ChatMessage, ChatTemplate (a Hugging Face chat template rendered with @huggingface/jinja,
// as transformers' apply_chat_template: messages, add_generation_prompt, bos/eos tokens;
// @huggingface/jinja itself provides raise_exception) and loadChatTemplate (from chat_template.jinja (newer) or the `chat_template`
// field of tokenizer_config.json (older, e.g. Qwen2.5), a string or a list of named templates).
import { Template } from '@huggingface/jinja';
import { readJson, readText, type HfFolder } from './folder';

export interface ChatMessage {
  role: string;
  content: string;
}

export class ChatTemplate {
  private readonly template: Template;

  constructor(readonly source: string, private readonly file: string, private readonly specials: { bos_token?: string; eos_token?: string; pad_token?: string } = {}) {
    try {
      this.template = new Template(source);
    } catch (e) {
      throw new Error(`${file}: the chat template does not parse (${(e as Error).message})`);
    }
  }

  render(messages: ChatMessage[], addGenerationPrompt: boolean, extra: Record<string, unknown> = {}): string {
    try {
      return this.template.render({
        ...this.specials,
        ...extra,
        messages,
        add_generation_prompt: addGenerationPrompt,
      });
    } catch (e) {
      throw new Error(`${this.file}: rendering the chat template failed (${(e as Error).message})`);
    }
  }
}

function tokenText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string') return (v as { content: string }).content;
  return undefined;
}

/** The folder's chat template, or null when it has none. */
export async function loadChatTemplate(folder: HfFolder): Promise<ChatTemplate | null> {
  const cfg = (await readJson(folder, 'tokenizer_config.json')) as Record<string, unknown> | null;
  const specials = { bos_token: tokenText(cfg?.bos_token), eos_token: tokenText(cfg?.eos_token), pad_token: tokenText(cfg?.pad_token) };
  const jinja = await readText(folder, 'chat_template.jinja');
  if (jinja !== null) return new ChatTemplate(jinja, `${folder.label}/chat_template.jinja`, specials);
  const t = cfg?.chat_template;
  const file = `${folder.label}/tokenizer_config.json`;
  if (t === undefined || t === null) return null;
  if (typeof t === 'string') return new ChatTemplate(t, file, specials);
  if (Array.isArray(t)) {
    const named = t.find((x) => x && typeof x === 'object' && (x as { name?: unknown }).name === 'default') ?? t[0];
    const src = (named as { template?: unknown } | undefined)?.template;
    if (typeof src === 'string') return new ChatTemplate(src, file, specials);
  }
  throw new Error(`${file}: field 'chat_template' must be a string or a list of {name, template}`);
}
