// Package testidp is an identity provider that behaves like JumpCloud's for
// one custom SAML application, served on a loopback address. It is product
// code: `jcsso idp` serves it in the foreground, and flows such as a demo or
// a live-login test run it in-process. It imports no testing package; the
// test layer over it is internal/samltest.
//
// Two layers live here:
//
//   - Generators that make JumpCloud-shaped artefacts with no server: RSA
//     keys and self-signed certificates (NewKeyPair), the metadata export
//     (Metadata), SAML responses (ResponseXML, ResponseDoc) and enveloped
//     signatures made the way JumpCloud signs (SignEnveloped). The server
//     uses the same builders, so there is one JumpCloud shape in the tree.
//   - Server: the IdP itself (New, Start, Close), with users, bound groups,
//     the values of the application's SSO tab, and Faults that reproduce the
//     symptoms support sees (a placeholder entity ID, a rotated certificate,
//     an audience typo, ...).
//
// Facts about JumpCloud that the shapes follow are collected in the
// project's DOMAIN notes; where JumpCloud's behaviour is not documented the
// choice made here is said in the doc comment of the option that controls it.
package testidp
