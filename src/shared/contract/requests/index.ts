import { appRequests } from './app'
import { assessmentRequests } from './assessment'
import { consoleRequests } from './console'
import { incidentRequests } from './incidents'
import { sessionRequests } from './session'
import { mapRequests } from './map'
import { situationRequests } from './situation'
import { supervisionRequests } from './supervision'
import { tableRequests } from './table'

/** The whole request map. Each area of the app contributes its own file. */
export const requests = {
  ...appRequests,
  ...incidentRequests,
  ...situationRequests,
  ...assessmentRequests,
  ...consoleRequests,
  ...sessionRequests,
  ...tableRequests,
  ...mapRequests,
  ...supervisionRequests,
}
