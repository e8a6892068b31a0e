import { createInterface } from 'node:readline'
import { readPrivateFile } from '@infra/fs'

/**
 * A password for `users add` / `users reset-password`, never from the command
 * line (other users of the machine can read it there): a private file
 * (`--password-file`, 0600), or stdin — typed twice without echo on a
 * terminal, the first line when piped.
 */
export async function readNewPassword(passwordFile: string | undefined): Promise<string> {
  if (passwordFile) return (readPrivateFile(passwordFile).split(/\r?\n/)[0] ?? '').trimEnd()
  if (!process.stdin.isTTY) return readLine()
  const first = await hidden('New password: ')
  const second = await hidden('Repeat it: ')
  if (first !== second) throw new Error('the two passwords differ')
  return first
}

function readLine(): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin })
    let done = false
    rl.once('line', (line) => {
      done = true
      rl.close()
      resolve(line)
    })
    rl.once('close', () => {
      if (!done) reject(new Error('no password on stdin'))
    })
  })
}

function hidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
    const out = rl as unknown as { _writeToOutput: (s: string) => void }
    let asked = false
    out._writeToOutput = (s: string) => {
      // Show the question once, then nothing of what is typed.
      if (!asked) {
        asked = true
        process.stdout.write(s)
      }
    }
    rl.question(question, (answer) => {
      process.stdout.write('\n')
      rl.close()
      resolve(answer)
    })
  })
}
