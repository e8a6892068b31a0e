import type { ActiveRuleSet, AssessmentReport } from '@shared/contract'
import { scoreUnit } from '@shared/domain'
import { contractClient } from '../fixtures/contract-client'
import { expect, test, WALL_TOKEN } from '../fixtures/situation-fixture'
import { AssessmentPage } from '../pages/assessment-page'
import { RuleSetsPage } from '../pages/rulesets-page'

// A server with a month of history; the workstation's host with a token of this spec's own, so the
// spec can ask the core what it computes (as any window of it would).
const HOST_TOKEN = 'rulesets-e2e-host-token-0123456789'
test.describe.configure({ timeout: 300_000 })
test.use({
  extraEnv: async ({ central }, use) => {
    await use({ GRID_ENROL_CODE: await central.enrolCode(), GRID_WALL_TOKEN: WALL_TOKEN, GRID_HOST_TOKEN: HOST_TOKEN })
  },
})

const MONTH = { period: { kind: 'month' as const }, unitKind: 'department' as const }

test.describe('a supervisor', () => {
  test.use({ signInAs: 'supervisor' })

  test('saves a revision with a changed weight, activates it, and the league is scored with it', async ({
    workstation,
    central,
  }) => {
    central.server.simulator?.setRate(0)
    const page = workstation.page
    await page.setViewportSize({ width: 1920, height: 1080 })
    await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
    await workstation.goto('rulesets')
    const editor = new RuleSetsPage(page)
    await expect(editor.active).toHaveAttribute('data-version', 'ZS-2026.1', { timeout: 60_000 })
    await expect(page.getByTestId('nav-rulesets')).toBeVisible()
    await expect(editor.historyRow(1)).toHaveAttribute('data-active', 'true')
    const core = contractClient(new URL(page.url()).origin, HOST_TOKEN)
    try {
      const before = await core.invoke<AssessmentReport>('assessment.report', MONTH)
      expect(before.ranked.length).toBeGreaterThan(1)

      // A value the shared schema refuses is named beside its field, in Chinese, and nothing is saved.
      await editor.unitKind('department')
      const weight = editor.field('units.department.indicators.0.points')
      const threshold = editor.field('units.department.indicators.0.threshold')
      await expect(weight).toHaveValue('70')
      await threshold.fill('150')
      await editor.saveWith('试改达标线', false)
      await expect(editor.issue('units.department.indicators.0.threshold')).toContainText(/[\u4e00-\u9fff]/)
      await expect(editor.notice).toContainText('有 1 处需要修改')
      await editor.screenshot('rulesets-invalid-1080p')
      await threshold.fill('90')
      await expect(editor.issue('units.department.indicators.0.threshold')).toHaveCount(0)

      // The department's on-time weight from 70 to 40: saved as revision 2, not yet active.
      await weight.fill('40')
      await expect(editor.field('version')).toHaveValue('ZS-2026.2')
      await editor.saveWith('按期处置率权重调整为 40 分（试行）', false)
      await expect(editor.notice).toContainText('已保存为第 2 版')
      await expect(editor.historyRow(2)).toHaveAttribute('data-active', 'false')
      await expect(editor.historyRow(2)).toContainText('按期处置率权重调整为 40 分（试行）')
      await expect(editor.active).toHaveAttribute('data-version', 'ZS-2026.1')

      await editor.activate(2, '经考核办审定，自本月起执行')
      await expect(editor.notice).toContainText('第 2 版已启用')
      await expect(editor.active).toHaveAttribute('data-version', 'ZS-2026.2', { timeout: 30_000 })
      await expect(editor.historyRow(2)).toHaveAttribute('data-active', 'true')
      await editor.screenshot('rulesets-activated-1080p')

      // The core scores with it now: every department's score is the shared scoring of its figures under
      // revision 2, and the weight change moved them.
      const active = await core.invoke<ActiveRuleSet>('assessment.ruleSet', {})
      expect(active.revision).toBe(2)
      expect(active.ruleSet.units.department.indicators[0]?.points).toBe(40)
      const after = await core.invoke<AssessmentReport>('assessment.report', MONTH)
      expect(after.ruleSet.version).toBe('ZS-2026.2')
      for (const r of after.ranked)
        expect(r.score).toBeCloseTo(scoreUnit({ kind: r.kind, id: r.id, steps: r.steps }, active.ruleSet).score, 9)
      const moved = after.ranked.filter((r) => {
        const b = before.ranked.find((x) => x.id === r.id)
        return b && Math.abs(b.score - r.score) > 0.005
      })
      expect(moved.length).toBeGreaterThan(0)

      // The assessment screen shows the same league under the new version.
      await workstation.goto('assessment')
      const screen = new AssessmentPage(page)
      await screen.pickUnitKind('department')
      await expect(page.getByTestId('assessment-rule-set')).toHaveAttribute('data-version', 'ZS-2026.2', {
        timeout: 60_000,
      })
      await expect
        .poll(async () => {
          const shown = await screen
            .rows()
            .evaluateAll((rs) =>
              rs
                .filter((r) => r.getAttribute('data-rank') !== '')
                .map((r) => [
                  r.getAttribute('data-id'),
                  r.querySelector('[data-testid="assessment-score"]')?.textContent,
                ]),
            )
          const now = await core.invoke<AssessmentReport>('assessment.report', MONTH)
          return JSON.stringify(shown) === JSON.stringify(now.ranked.map((r) => [r.id, r.score.toFixed(2)]))
        })
        .toBe(true)
    } finally {
      core.close()
    }
  })
})

test('an operator reads the rule sets but cannot save one: the server says forbidden', async ({ workstation }) => {
  const page = workstation.page
  await page.setViewportSize({ width: 1920, height: 1080 })
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-state', 'online', { timeout: 60_000 })
  // Not in an operator's navigation; reached from the assessment screen's rule-set link.
  await expect(page.getByTestId('nav-console')).toBeVisible()
  await expect(page.getByTestId('nav-rulesets')).toHaveCount(0)
  await workstation.goto('assessment')
  await page.getByTestId('assessment-rule-set').click({ timeout: 60_000 })
  const editor = new RuleSetsPage(page)
  await expect(editor.root).toHaveAttribute('data-can-edit', 'false')
  await expect(page.getByTestId('rulesets-readonly')).toContainText('只读')
  await expect(editor.historyRow(1)).toHaveAttribute('data-active', 'true', { timeout: 60_000 })
  await expect(editor.field('units.department.indicators.0.points')).toBeDisabled()
  await expect(editor.save).toHaveCount(0)
  await editor.screenshot('rulesets-operator-readonly-1080p')

  // Asked anyway (through the core, as the UI would): the central server refuses it.
  const core = contractClient(new URL(page.url()).origin, HOST_TOKEN)
  try {
    const active = await core.invoke<ActiveRuleSet>('assessment.ruleSet', {})
    const refused = await core
      .invoke('ruleSets.save', { ruleSet: { ...active.ruleSet, version: 'OP-1' }, reason: '试图修改' })
      .then(
        () => 'saved',
        (err: Error) => err.message,
      )
    expect(refused).toMatch(/only a supervisor may save a rule set/)
    const history = await core.invoke<{ ruleSets: unknown[] }>('ruleSets.list', {})
    expect(history.ruleSets).toHaveLength(1)
  } finally {
    core.close()
  }
})
