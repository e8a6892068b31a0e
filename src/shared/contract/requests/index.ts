import { appRequests } from './app'
import { consoleRequests } from './console'
import { incidentRequests } from './incidents'
import { sessionRequests } from './session'
import { mapRequests } from './map'
import { situationRequests } from './situation'
import { tableRequests } from './table'

/** The whole request map. Each area of the app contributes its own file. */
export const requests = {
  ...appRequests,
  ...incidentRequests,
  ...situationRequests,
  ...consoleRequests,
  ...sessionRequests,
  ...tableRequests,
  ...mapRequests,
}
