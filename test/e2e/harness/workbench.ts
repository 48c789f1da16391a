/// <reference lib="dom" />
// The page-side callbacks passed to Playwright run in the browser and use the DOM.
/**
 * Drives the VS Code workbench in Chromium the way a person would: Quick Open, the command palette,
 * the mouse over text, the light bulb. Every wait is on a DOM condition with a timeout, never a sleep.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CHROMIUM_PATH, PROJECT_ROOT } from './codeServer';

export const TIMEOUT = { workbench: 90_000, server: 60_000, ui: 20_000 } as const;

export const SELECTORS = {
  workbench: '.monaco-workbench',
  editorLines: '.editor-instance .monaco-editor .view-lines',
  squiggle: '.squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint',
  hover: '.monaco-hover-content',
  lightBulb: '.lightBulbWidget',
  actionRow: '.action-widget .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  quickInputRow: '.quick-input-list .monaco-list-row',
  outputView: '.panel .output-view, .panel [id="workbench.panel.output"]',
  toast: '.notifications-toasts .notification-toast',
} as const;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(url);
  await page.locator(SELECTORS.workbench).waitFor({ timeout: TIMEOUT.workbench });
  // The explorer lists the folder once the workbench has restored: from then on keybindings work.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: TIMEOUT.workbench });
  return page;
}

/** Quick Open (Ctrl+P) the file by name and wait until its first line is on screen. */
export async function openFile(page: Page, fileName: string, firstLineText: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator(SELECTORS.quickInputBox).waitFor({ timeout: TIMEOUT.ui });
  await page.keyboard.type(fileName);
  await page.locator(SELECTORS.quickInputRow, { hasText: fileName }).first().waitFor({ timeout: TIMEOUT.ui });
  await page.keyboard.press('Enter');
  await waitForEditorText(page, firstLineText);
}

/** Run a command from the command palette by its title, as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.locator(SELECTORS.quickInputBox).waitFor({ timeout: TIMEOUT.ui });
  await page.keyboard.type(title);
  await page.locator(SELECTORS.quickInputRow, { hasText: title }).first().waitFor({ timeout: TIMEOUT.ui });
  await page.keyboard.press('Enter');
  await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
}

/** The text of the visible editor lines (Monaco renders spaces as U+00A0). */
export async function editorText(page: Page): Promise<string> {
  const text = await page.locator(SELECTORS.editorLines).first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

export async function waitForEditorText(page: Page, text: string, timeout: number = TIMEOUT.ui): Promise<void> {
  await page.waitForFunction(
    ({ selector, wanted }) => {
      const lines = document.querySelector(selector);
      return lines !== null && (lines.textContent ?? '').replace(/\u00a0/g, ' ').includes(wanted);
    },
    { selector: SELECTORS.editorLines, wanted: text },
    { timeout },
  );
}

/**
 * Where `text` is drawn in the editor: Monaco splits a line into token spans, so the text may cross
 * several of them. Returns the centre of the first occurrence, or undefined when it is not on screen.
 */
export async function locateEditorText(page: Page, text: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(
    ({ selector, wanted }) => {
      const root = document.querySelector(selector);
      if (!root) return undefined;
      for (const line of Array.from(root.querySelectorAll('.view-line'))) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        let joined = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push(node as Text);
          joined += (node.textContent ?? '').replace(/\u00a0/g, ' ');
        }
        const index = joined.indexOf(wanted);
        if (index < 0) continue;
        // No helper functions in here: tsx would wrap them in a `__name` call the page does not know.
        const range = document.createRange();
        let seen = 0;
        for (const node of nodes) {
          const length = node.textContent?.length ?? 0;
          if (index >= seen && index < seen + length) range.setStart(node, index - seen);
          if (index + wanted.length > seen && index + wanted.length <= seen + length) {
            range.setEnd(node, index + wanted.length - seen);
            break;
          }
          seen += length;
        }
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return undefined;
    },
    { selector: SELECTORS.editorLines, wanted: text },
  );
}

async function pointAt(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await locateEditorText(page, text);
  if (!point) throw new Error(`"${text}" is not visible in the editor:\n${await editorText(page)}`);
  return point;
}

/** Move the mouse over `text` and return what the hover says (waits until the hover has content). */
export async function hoverOver(page: Page, text: string, expected?: RegExp): Promise<string> {
  // Close the last hover first, so the one read below is about `text`. If no hover shows (the layout moved under the
  // pointer, as when a panel opens), point again, as a person would.
  const hover = page.locator(SELECTORS.hover).last();
  const deadline = Date.now() + TIMEOUT.ui;
  for (;;) {
    await dismissHover(page);
    const point = await pointAt(page, text);
    await page.mouse.move(point.x, point.y);
    const left = deadline - Date.now();
    try {
      await hover.waitFor({ state: 'visible', timeout: Math.max(1000, Math.min(5000, left)) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
  if (expected) {
    await page.waitForFunction(
      ({ selector, source, flags }) =>
        Array.from(document.querySelectorAll(selector)).some((element) => new RegExp(source, flags).test(element.textContent ?? '')),
      { selector: SELECTORS.hover, source: expected.source, flags: expected.flags },
      { timeout: TIMEOUT.server },
    );
  }
  const texts = await page.locator(SELECTORS.hover).allInnerTexts();
  return texts.join('\n');
}

/** Close any hover (Escape, pointer to blank space) so it cannot cover the text clicked next. */
export async function dismissHover(page: Page): Promise<void> {
  const editor = await page.locator('.editor-instance .monaco-editor').first().boundingBox();
  if (editor) await page.mouse.move(editor.x + editor.width - 40, editor.y + editor.height - 20);
  await page.keyboard.press('Escape');
  await page.waitForFunction(
    (selector) => Array.from(document.querySelectorAll(selector)).every((element) => (element as HTMLElement).offsetParent === null || element.getBoundingClientRect().height === 0),
    SELECTORS.hover,
    { timeout: TIMEOUT.ui },
  );
}

/** Place the caret inside `text` with a click. */
export async function clickOn(page: Page, text: string): Promise<void> {
  await dismissHover(page);
  const point = await pointAt(page, text);
  await page.mouse.click(point.x, point.y);
}

/**
 * Waits until a squiggle is drawn under the start of `text` (compares the squiggle decorations' boxes with
 * the text's box) and returns its class: `squiggly-error`, `squiggly-warning`, `squiggly-info`.
 */
export async function waitForSquiggleUnder(page: Page, text: string, timeout: number = TIMEOUT.server): Promise<string> {
  const handle = await page.waitForFunction(
    ({ linesSelector, squiggleSelector, wanted }) => {
      // Same geometry as squiggleUnder, inlined because waitForFunction runs in the page.
      const root = document.querySelector(linesSelector);
      if (!root) return undefined;
      for (const line of Array.from(root.querySelectorAll('.view-line'))) {
        const joined = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        const index = joined.indexOf(wanted);
        if (index < 0) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (index < seen + length) {
            const range = document.createRange();
            range.setStart(node, index - seen);
            range.setEnd(node, Math.min(length, index - seen + 1));
            const point = range.getBoundingClientRect();
            for (const element of Array.from(document.querySelectorAll(squiggleSelector))) {
              const box = element.getBoundingClientRect();
              if (point.left + 1 >= box.left && point.left + 1 <= box.right && point.top + point.height / 2 >= box.top - 2 && point.top + point.height / 2 <= box.bottom + 2) {
                return Array.from(element.classList).find((name) => name.startsWith('squiggly-')) ?? 'squiggly';
              }
            }
            return undefined;
          }
          seen += length;
        }
      }
      return undefined;
    },
    { linesSelector: SELECTORS.editorLines, squiggleSelector: SELECTORS.squiggle, wanted: text },
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

/** Saves a screenshot into docs/ when TRIAL_LENS_SCREENSHOTS=1 (how the README's pictures are made). */
export async function screenshotForDocs(page: Page, name: string): Promise<void> {
  if (process.env.TRIAL_LENS_SCREENSHOTS !== '1') return;
  const dir = join(PROJECT_ROOT, 'docs');
  await mkdir(dir, { recursive: true });
  // Let fade-ins finish (an event, not a sleep); endless animations such as progress bars are left alone.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({ path: join(dir, name) });
}

/**
 * Click the light bulb that appears once the caret sits in `text`, then pick the action whose title
 * matches `title`. The menu is driven by the keyboard: a pointer-blocking layer covers it while it opens.
 */
export async function applyQuickFixFromLightBulb(
  page: Page,
  text: string,
  title: RegExp,
  /** Called with the menu open and the fix selected, just before it is applied (screenshots). */
  beforeApply?: () => Promise<void>,
): Promise<string> {
  await clickOn(page, text);
  const bulb = page.locator(SELECTORS.lightBulb);
  await bulb.waitFor({ state: 'visible', timeout: TIMEOUT.server });
  await bulb.click();
  const rows = page.locator(SELECTORS.actionRow);
  await rows.first().waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  const titles = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  const target = titles.findIndex((candidate) => title.test(candidate));
  if (target < 0) throw new Error(`no quick fix matching ${title} in the light bulb menu: ${JSON.stringify(titles)}`);
  for (let step = 0; step < titles.length; step += 1) {
    const focused = await page.locator(`${SELECTORS.actionRow}.focused`).getAttribute('aria-label');
    if (focused !== null && title.test(focused)) break;
    await page.keyboard.press('ArrowDown');
  }
  await beforeApply?.();
  await page.keyboard.press('Enter');
  await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
  return titles[target]!;
}

/** Opens the "Trial Lens" output channel through the extension's own command and waits for `expected`. */
export async function showTrialLensOutput(page: Page, expected: RegExp): Promise<string> {
  await runCommand(page, 'Show Trial Lens output');
  return waitForPanelText(page, expected);
}

export async function waitForPanelText(page: Page, expected: RegExp, timeout: number = TIMEOUT.server): Promise<string> {
  const handle = await page.waitForFunction(
    ({ source, flags }) => {
      const panel = document.querySelector('.part.panel .output-view') ?? document.querySelector('.part.panel');
      const text = (panel?.textContent ?? '').replace(/\u00a0/g, ' ');
      return new RegExp(source, flags).test(text) ? text : undefined;
    },
    { source: expected.source, flags: expected.flags },
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}
