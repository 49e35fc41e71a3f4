// crmflow's Tasklist configuration. This file replaces the one in Camunda's webapp webjar: the
// application's resources are found before the webjar's, so the Spring Boot starter serves this
// one at /camunda/app/tasklist/scripts/config.js (docs/tasklist.md).
export default {
  // crmflow's record plug-in: cards name the record behind each task, the "Record" tab shows it.
  // Paths are relative to /camunda/app/tasklist/.
  customScripts: ['scripts/crmflow/record-plugin.js'],

  // Camunda's default keyboard shortcuts, kept as they were
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
