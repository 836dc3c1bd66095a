// Entry of the operator dashboard bundle (served at /dashboard by the license server).
import { AdminApi } from './api.js'
import { startApp } from './app.js'
import { loadToken, saveToken } from './session.js'
import { signInView } from './views/sign-in.js'

const root = document.getElementById('app')!
let stop: (() => void) | undefined

function showSignIn(message?: string): void {
  stop?.()
  stop = undefined
  root.replaceChildren(signInView(signedIn, message))
  root.querySelector<HTMLInputElement>('#token')?.focus()
}

function signedIn(api: AdminApi, token: string): void {
  saveToken(token)
  stop = startApp(root, api, showSignIn)
}

const token = loadToken()
if (token) stop = startApp(root, new AdminApi(token), showSignIn)
else showSignIn()
