package troubleshoot

import (
	"github.com/jcsso/jcsso/internal/profile"
	"github.com/jcsso/jcsso/internal/ssoconfig"
	"github.com/jcsso/jcsso/samlcheck/diagnose"
)

// WordsFor are the profile's words and rules, and JumpCloud's console
// vocabulary, as the engine takes them (it imports no profile). cfg, when
// given, names the app a generic setup was made for and the IdP Entity ID
// it chose. `jcsso troubleshoot --json` and the session share it.
func WordsFor(p *profile.Profile, cfg *ssoconfig.Config) diagnose.Words {
	sp, spCap := p.SPName(), p.SPNameCap()
	if p.Customizable && cfg != nil && cfg.ServiceProvider.Name != "" && cfg.ServiceProvider.Name != p.Name {
		sp, spCap = cfg.ServiceProvider.Name, cfg.ServiceProvider.Name
	}
	example := ""
	if cfg != nil {
		example = cfg.IdentityProvider.EntityID
		if example == "" {
			example = p.SuggestIdPEntityID(cfg.Organization)
		}
	}
	sign, redirect := p.SAML.Sign, p.SAML.DeclareRedirectEndpoint
	if p.Customizable && cfg != nil && cfg.SAML.Sign != "" {
		// A generic setup chose its own; the configuration recorded it.
		sign, redirect = cfg.SAML.Sign, cfg.SAML.DeclareRedirectEndpoint
	}
	return diagnose.Words{
		Profile:            p.ID,
		SP:                 sp,
		SPCap:              spCap,
		AdminsMustExist:    p.Access.AdminsMustExist,
		SupportHandoff:     p.Handoff.Method == profile.HandoffSupport,
		HandoffWhere:       p.Handoff.Where,
		SessionsEnd:        p.Rollout.Mode == profile.RolloutSessionsEnd,
		SignIn:             p.SignIn,
		LoginURL:           p.ServiceProvider.LoginURL,
		Sign:               profile.SignLabel(sign),
		DeclareRedirect:    redirect,
		IdPEntityIDExample: example,
		Console: diagnose.Console{
			Name: profile.ConsoleName, Apps: profile.MenuSSOApplications, SSOTab: profile.TabSSO, UserGroupsTab: profile.TabUserGroups,
			ExportMetadata: profile.ButtonExportMetadata, CopyMetadataURL: profile.ButtonCopyMetadataURL,
			Save: profile.ButtonSave, UserPortal: profile.UserPortal,
			IdPEntityID: profile.LabelIdPEntityID, SPEntityID: profile.LabelSPEntityID, ACSURL: profile.LabelACSURL,
			NameID: profile.LabelNameID, Sign: profile.LabelSign, SignatureAlgorithm: profile.LabelSignatureAlgorithm,
			IdPURL: profile.LabelIdPURL, DeclareRedirect: profile.LabelDeclareRedirectEndpoint,
		},
	}
}
