export * from './messages'
export * from './demo-tokens'
