/** The one unified processor for Markdown (remark + GFM + front matter). Everything else sees trees or prose. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

export interface MdNode {
  type: string;
  value?: string;
  url?: string;
  /** A footnote reference's label ("3" of "[^3]"). */
  label?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

export function parseMarkdown(text: string): MdNode {
  return processor.parse(text) as unknown as MdNode;
}
