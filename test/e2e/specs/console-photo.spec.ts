import { expect, test } from '../fixtures/ops-fixture'
import { ConsolePage } from '../pages/console-page'

test('a reporter’s photo is kept by the cache and shown as a link that opens outside, web addresses only', async ({
  workstation,
  central,
}) => {
  const console = new ConsolePage(workstation)
  const photo = await central.report({ title: '井盖缺失', mediaUrl: 'https://media.example.org/zs/8812.jpg' })
  const odd = await central.report({ title: '垃圾桶破损', mediaUrl: 'ftp://media.example.org/zs/8813.jpg' })
  await console.openConsole()

  await console.filter(photo.code)
  await console.select(photo.id)
  const link = console.detail.getByTestId('detail-photo-link')
  await expect(link).toHaveAttribute('href', 'https://media.example.org/zs/8812.jpg')
  await expect(link).toHaveAttribute('target', '_blank')
  await expect(link).toHaveAttribute('rel', /noopener/)
  await expect(link).toContainText('media.example.org')
  await console.screenshot('console-photo')

  // Not a web address: shown, never opened.
  await console.filter(odd.code)
  await console.select(odd.id)
  await expect(console.detail.getByTestId('detail-photo-text')).toContainText('ftp://media.example.org/zs/8813.jpg')
  await expect(console.detail.getByTestId('detail-photo-link')).toHaveCount(0)
})
