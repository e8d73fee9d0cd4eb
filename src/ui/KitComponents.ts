import { createContext, type ComponentPropsWithoutRef, type ComponentType, type Ref } from 'react'

/**
 * The props echo-kit passes to a button it renders (and so to an app's own Button given in
 * {@link KitComponents}): the usual button props plus `data-part` (which button) and
 * `data-variant` ('primary' | 'secondary' | 'danger').
 *
 * @example
 * function MyButton(props: KitButtonProps) { return <button {...props} className={cn('btn', props['data-variant'] === 'primary' && 'btn-primary')} /> }
 */
export type KitButtonProps = ComponentPropsWithoutRef<'button'> & {
  'data-part': string
  'data-variant': 'primary' | 'secondary' | 'danger'
  ref?: Ref<HTMLButtonElement> | undefined
}

/**
 * The props echo-kit passes to a text input it renders (and so to an app's own Input).
 *
 * @example
 * function MyInput(props: KitInputProps) { return <input {...props} className="input" /> }
 */
export type KitInputProps = ComponentPropsWithoutRef<'input'> & { 'data-part': string; ref?: Ref<HTMLInputElement> }

/**
 * The app's own components for the buttons and inputs inside echo-kit's composite parts
 * (panels, lists), given to `EchoUIProvider` or a component's `components` prop.
 *
 * @example
 * <EchoUIProvider components={{ Button: MyButton, Input: MyInput }}>…</EchoUIProvider>
 */
export interface KitComponents {
  Button?: ComponentType<KitButtonProps> | undefined
  Input?: ComponentType<KitInputProps> | undefined
}

/**
 * Extra class names for the parts of a composite component, by `data-part` name (e.g.
 * `{ actions: 'flex gap-2', 'copy-link': 'btn' }`).
 *
 * @example
 * <InvitationDialog space={space} classNames={{ content: 'rounded-xl p-6', actions: 'flex justify-end gap-2' }} />
 */
export type PartClassNames = Partial<Record<string, string>>

/**
 * Where {@link EchoUIProvider} keeps the app's components. Shared inside src/ui.
 *
 * @example <ComponentsContext.Provider value={{ Button }}>…</ComponentsContext.Provider>
 */
export const ComponentsContext = createContext<KitComponents>({})

/**
 * The class names of the parts of the composite component around. Shared inside src/ui.
 *
 * @example const classes = useContext(ClassNamesContext)
 */
export const ClassNamesContext = createContext<PartClassNames>({})

