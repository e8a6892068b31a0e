export * from './messages'
export * from './demo-tokens'
export * from './auth'
export * from './assessment'
