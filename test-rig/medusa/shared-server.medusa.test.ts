// The suites that share the one real Medusa server of the `medusa` project (its global setup),
// gathered in one file so they run one after another in one worker: some of them change the
// store (stock, shipping options, keys) and put it back, which a suite running beside them
// would see. The project's other files (a private server, the backend's type-check) run beside
// this one, and beside the unit and cluster tests.
import './real-server.medusa-suite.test';
import '../../src-main/store-kinds/medusa/driver.medusa-suite.test';
import '../../src-main/store-kinds/medusa/verify-real-server.medusa-suite.test';
