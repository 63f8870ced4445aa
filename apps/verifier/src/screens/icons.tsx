// Icons drawn in the current text colour; each sits beside words that say the same, so
// they are hidden from screen readers.

import type { ReactNode } from 'react'

function Icon(props: { size: number; strokeWidth: number; children: ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeLinecap="round"
      strokeLinejoin="round"
      viewBox="0 0 24 24"
      width={props.size}
      height={props.size}
      strokeWidth={props.strokeWidth}
    >
      {props.children}
    </svg>
  )
}

export function CheckIcon(props: { size?: number }) {
  return (
    <Icon size={props.size ?? 24} strokeWidth={3}>
      <path d="M4 12.5l5 5L20 6.5" />
    </Icon>
  )
}

export function CrossIcon(props: { size?: number }) {
  return (
    <Icon size={props.size ?? 24} strokeWidth={3}>
      <path d="M6 6l12 12M18 6L6 18" />
    </Icon>
  )
}

export function WarningIcon() {
  return (
    <Icon size={24} strokeWidth={2}>
      <path d="M12 3L2 20h20L12 3z" />
      <path d="M12 10v4M12 17v.5" />
    </Icon>
  )
}

export function GearIcon() {
  return (
    <Icon size={26} strokeWidth={2}>
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
    </Icon>
  )
}

export function CameraIcon() {
  return (
    <Icon size={24} strokeWidth={2}>
      <path d="M3 8a2 2 0 0 1 2-2h2l2-2h6l2 2h2a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
      <circle cx="12" cy="13" r="4" />
    </Icon>
  )
}

export function ImageIcon() {
  return (
    <Icon size={24} strokeWidth={2}>
      <rect x="3" y="3" width="18" height="18" rx="2" />
      <circle cx="9" cy="9" r="2" />
      <path d="M21 15l-5-5L5 21" />
    </Icon>
  )
}

export function KeyboardIcon() {
  return (
    <Icon size={24} strokeWidth={2}>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
    </Icon>
  )
}
