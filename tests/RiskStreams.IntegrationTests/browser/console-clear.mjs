// Opens the review console in headless Chromium, looks an account up and submits a CLEAR decision.
// Usage: node console-clear.mjs <baseUrl> <token> <accountId> <screenshot.png> <userDataDir>
// Prints one JSON line: what the page showed before and after the submission.
import { chromium } from 'playwright-core';

const [baseUrl, token, accountId, screenshot, userDataDir] = process.argv.slice(2);
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
  const features = await page.locator('#features tbody th').allTextContents();

  await page.getByLabel('Customer appeal').check();
  await page.getByLabel('Clear (restore to NORMAL)').check();
  await page.getByLabel('Reasons judged false').fill('SPEND_SPIKE, NEW_DEVICE');
  await page.getByLabel('Reviewer (staff id)').fill('staff-42');
  await page.getByLabel('Note (internal').fill('Customer showed the receipt');
  await page.getByRole('button', { name: 'Submit decision' }).click();
  await page.locator('#review-state', { hasText: 'recorded' }).waitFor();
  const reviewState = await page.locator('#review-state').textContent();
  const tokenKept = await page.evaluate(() => sessionStorage.getItem('riskstreams.apiToken'));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ levelBefore, features, reviewState, tokenKept }));
} finally {
  await context.close();
}
