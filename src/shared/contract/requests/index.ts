import { appRequests } from './app'
import { assessmentRequests } from './assessment'
// issue 12: frozen reports and exports
import { assessmentReportRequests } from './assessment-reports'
import { consoleRequests } from './console'
import { incidentRequests } from './incidents'
import { ruleSetRequests } from './rule-sets'
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
  ...assessmentReportRequests,
  ...ruleSetRequests,
  ...consoleRequests,
  ...sessionRequests,
  ...tableRequests,
  ...mapRequests,
  ...supervisionRequests,
}
