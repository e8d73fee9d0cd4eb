import { DeviceInvitationDialog, DeviceList, useClient, useIdentity } from '../../src/index.ts'
import { linkBase } from '../useJoinLink.ts'
import { DevicesIcon, PlusIcon } from './icons.tsx'

/**
 * This identity's devices: the list (revoke the others), and "Add a device" on the device that
 * holds the identity key (only it can sign device credentials).
 */
export function DevicesPage() {
  const client = useClient()
  const identity = useIdentity()
  const name = identity?.displayName || 'you'
  const manager = client.canManageDevices

  return (
    <main id="board" className="board devices-page" tabIndex={-1} aria-labelledby="devices-title">
      <div className="board__head">
        <div className="board__title-block">
          <p className="eyebrow">Identity · {name}</p>
          <h1 className="board__title" id="devices-title">
            Your devices
          </h1>
        </div>
        {manager && (
          <DeviceInvitationDialog
            linkBase={linkBase()}
            trigger={
              <button type="button" className="btn btn--primary">
                <PlusIcon />
                <span>Add a device</span>
              </button>
            }
          />
        )}
      </div>
      <p className="lead muted">
        Every device of {name} has all of your spaces and keeps them in sync with the others, directly, with no
        server in between.
      </p>

      <div className="devices-grid">
        <section className="panel" aria-labelledby="device-list-heading">
          <h2 className="panel__heading" id="device-list-heading">
            <DevicesIcon />
            Devices
          </h2>
          <DeviceList label={`Devices of ${name}`} />
        </section>

        <aside className="panel panel--quiet" aria-labelledby="devices-help-heading">
          <h2 className="panel__heading" id="devices-help-heading">
            {manager ? 'Adding and removing devices' : 'Managed elsewhere'}
          </h2>
          {manager ? (
            <ol className="steps">
              <li>
                Press <strong>Add a device</strong> and open the link (or scan the QR code) on the new device: another browser, a
                phone, a laptop.
              </li>
              <li>Type the 6-digit code that appears here into the new device.</li>
              <li>The new device gets all your spaces. Revoke a lost device here: every peer refuses it from then on.</li>
            </ol>
          ) : (
            <p className="muted small">
              This device was linked to {name}'s identity from another device. Devices are added and revoked on the device that
              created the identity.
            </p>
          )}
        </aside>
      </div>
    </main>
  )
}
