// Opens the review console in headless Chromium, looks an account up, submits a CLEAR decision and waits until the page
// shows the processor applied it (the console polls the account after a submit).
// Usage: node console-clear.mjs <baseUrl> <token> <accountId> <screenshot.png> <userDataDir> <suppressReasons>
// Prints one JSON line: what the page showed before the submission and once the decision was applied.
import { chromium } from 'playwright-core';

const [baseUrl, token, accountId, screenshot, userDataDir, suppressReasons] = process.argv.slice(2);
const column = (table, n) => page => page.locator(`#${table} tbody tr td:nth-child(${n})`).allTextContents();
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(30000);
  await page.goto(baseUrl + '/console/');
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
  await page.getByLabel('Account id').fill(accountId);
  await page.getByRole('button', { name: 'Look up' }).click();
  await page.locator('#account-section:not([hidden])').waitFor();
  const levelBefore = await page.locator('#level').textContent();
  const reasonsBefore = await page.locator('#reasons .evidence').allTextContents();
  const messagesBefore = await page.locator('#reasons li p:not(.evidence)').allTextContents();
  const changesBefore = await column('changes', 1)(page);
  const features = await page.locator('#features tbody th').allTextContents();

  await page.getByLabel('Customer appeal').check();
  await page.getByLabel('Clear (restore to NORMAL)').check();
  await page.getByLabel('Reasons judged false').fill(suppressReasons);
  await page.getByLabel('Reviewer (staff id)').fill('staff-42');
  await page.getByLabel('Note (internal').fill('Customer showed the receipt');
  await page.getByRole('button', { name: 'Submit decision' }).click();
  await page.locator('#review-state', { hasText: 'recorded' }).waitFor();
  const reviewState = await page.locator('#review-state').textContent();
  await page.locator('#review-state', { hasText: 'Decision applied' }).waitFor();
  const appliedState = await page.locator('#review-state').textContent();
  const levelAfter = await page.locator('#level').textContent();
  const reasonsAfter = await page.locator('#reasons .evidence').allTextContents();
  const messagesAfter = await page.locator('#reasons li p:not(.evidence)').allTextContents();
  const changesAfter = await column('changes', 1)(page);
  const changeReviews = await column('changes', 7)(page);
  const reviews = await column('reviews', 1)(page);
  const actions = await page.locator('#actions').textContent();
  const tokenKept = await page.evaluate(() => sessionStorage.getItem('riskstreams.apiToken'));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({
    levelBefore, reasonsBefore, messagesBefore, changesBefore, features, reviewState, appliedState,
    levelAfter, reasonsAfter, messagesAfter, changesAfter, changeReviews, reviews, actions, tokenKept,
  }));
} finally {
  await context.close();
}
