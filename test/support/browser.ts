import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, '.run', 'screenshots');
export const CHROMIUM = process.env.BASTION_CHROMIUM ?? '/usr/bin/chromium';

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Debian's Chromium, headless; playwright-core never downloads a browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set BASTION_CHROMIUM)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (no storage shared) at a viewport; page errors are collected. */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'en-US',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.setDefaultTimeout(20_000);
  return { context, page, errors };
}

/**
 * Saves .run/screenshots/<name>.png. A full page is taken by growing the viewport to the page's
 * height (so the sticky header sits at the top as a user sees it), then the viewport is restored.
 */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  const viewport = page.viewportSize();
  if (fullPage && viewport) {
    await page.evaluate('window.scrollTo(0, 0)');
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
    await page.screenshot({ path, animations: 'disabled' });
    await page.setViewportSize(viewport);
  } else {
    await page.screenshot({ path, animations: 'disabled' });
  }
  return path;
}

/** Waits until the locator's text contains `text`; says what it saw instead when it gives up. */
export async function waitForText(locator: Locator, text: string | RegExp, timeout = 20_000): Promise<void> {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
  } catch (e) {
    const seen = await locator
      .first()
      .innerText({ timeout: 1000 })
      .catch(() => '(nothing)');
    throw new Error(`waited ${timeout} ms for ${String(text)}; saw: ${seen.slice(0, 500)}\n${(e as Error).message}`);
  }
}

/** Replaces the content of the CodeMirror editor by typing, as a user does. */
export async function typeIntoEditor(page: Page, name: string, source: string): Promise<void> {
  const editor = page.getByRole('textbox', { name, exact: true });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(source);
  await page.keyboard.press('Escape'); // closes an open completion list, if any
}

/** Fills the sign-in form of the page it is on and waits until the app shows Sign out. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
