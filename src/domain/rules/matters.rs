//! The matters the law requires the rules to contain, each with the clause that provides it
//! (RULES.md §5) and what that clause must say. Societies: Schedule 1 to the 2014 Act.
//! Companies: the Companies Act 2006 list.
//!
//! The tables are laid out one requirement a line, so rustfmt is told to leave them alone.

use super::context::bonus_basis_phrase;
use super::options::{
    BoardMode, DecisionMode, Dissolution, LegalForm, MemberEntity, ProfitUse, RulesOptions,
};
use super::substance::{need, provider, typed, Provider};
use crate::domain::money::format_pounds;

/// One matter and the clauses that must provide it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matter {
    pub number: u32,
    pub matter: &'static str,
    pub providers: Vec<Provider>,
}

fn matter(number: u32, matter: &'static str, providers: Vec<Provider>) -> Matter {
    Matter {
        number,
        matter,
        providers,
    }
}

/// Every matter for these options' form, with what each providing clause must say.
pub fn matters(o: &RulesOptions) -> Vec<Matter> {
    match o.form {
        LegalForm::Company => company(o),
        _ => schedule1(o),
    }
}

/// The membership-share phrases of S11 (society) or F11 (consortium).
#[rustfmt::skip]
fn share_clause(o: &RulesOptions, consortium: bool, for_holding: bool) -> Provider {
    let code = if consortium { "F11" } else { "S11" };
    let value = format_pounds(o.member_share_pence);
    let mut needs = vec![typed(format!("the value of a membership share ({value})"), &value)];
    if for_holding && consortium {
        needs.push(typed("the most membership shares a member may hold", &format!("at most {} membership shares", o.max_shares)));
    } else if for_holding {
        needs.push(need("that each member holds one membership share", &["holds one membership share"]));
    } else {
        needs.push(need("that membership shares cannot be transferred", &["cannot be transferred"]));
        needs.push(need("when membership shares are withdrawn and repaid", &["withdraw"]));
    }
    provider(code, needs)
}

#[rustfmt::skip]
fn investment_shares(for_holding: bool) -> Provider {
    let mut needs = vec![need("that investment shares carry no vote", &["carry no vote"])];
    if for_holding {
        needs.push(need("that only members may hold investment shares", &["only members may hold them"]));
    } else {
        needs.push(need("the notice needed to withdraw investment shares", &["months' written notice"]));
        needs.push(need("that the board may suspend withdrawals", &["suspend or limit withdrawals"]));
        needs.push(need("that investment shares cannot be transferred", &["cannot be transferred"]));
    }
    provider("S12", needs)
}

#[rustfmt::skip]
fn admission(o: &RulesOptions, consortium: bool) -> Vec<Provider> {
    let decides = need("that the board decides applications", &["board decides applications"]);
    let appeal = need("that a refused applicant can appeal to a general meeting", &["ask the next general meeting"]);
    if consortium {
        let mut who = vec![need("that members are self-employed people in the trade", &["self-employed"]), decides, appeal];
        if o.member_entity == MemberEntity::IndividualsAndOwnCompanies {
            who.push(need("how a member's own company is admitted and acts", &["acts through a representative"]));
        }
        let commission = format!("commission of {}", o.commission_pct.label());
        return vec![provider("F07", who), provider("F07b", vec![typed("the commission members pay", &commission)])];
    }
    let mut employee = vec![
        need("who counts as an employee", &["\"employee\" means"]),
        typed("the minimum age", &format!("aged {} or over", o.member_min_age)),
        need("that staff of a subsidiary count as employees", &["subsidiaries"]),
    ];
    if o.min_hours_week > 0 {
        employee.push(typed("the minimum weekly hours", &format!("at least {} hours a week", o.min_hours_week)));
    }
    vec![
        provider("S07", vec![need("that employees may apply to join", &["employee who supports the objects"]), decides, appeal]),
        provider("S02", employee),
    ]
}

#[rustfmt::skip]
fn meetings(o: &RulesOptions) -> Vec<Provider> {
    let mut voting = vec![
        need("that every member has one vote", &["every member has one vote"]),
        typed("the special majority", &format!("special resolution needs at least {}", o.special_majority_pct.label())),
    ];
    if o.decision_mode == DecisionMode::ConsensusWithVoteFallback {
        voting.push(need("when a vote takes over from consensus", &["the meeting votes"]));
    }
    vec![
        provider("S15", vec![
            need("that an AGM is held every year", &["annual general meeting"]),
            typed("the notice for general meetings", &format!("{} clear days", o.gm_notice_clear_days)),
            typed("the share of members who can call a meeting", &format!("{}% of members", o.requisition_pct)),
        ]),
        provider("S16", vec![typed("the quorum", &format!("{} members, or {}% of all members", o.gm_quorum_min, o.gm_quorum_pct))]),
        provider("S17", voting),
        provider("S25", vec![
            need("that the rules change only by special resolution", &["changed only by special resolution"]),
            need("that a change takes effect once the FCA registers it", &["fca has registered"]),
        ]),
    ]
}

#[rustfmt::skip]
fn schedule1(o: &RulesOptions) -> Vec<Matter> {
    let f = o.form == LegalForm::Consortium;
    let pick = |s: &'static str, c: &'static str| if f { c } else { s };
    let mut objects = vec![
        typed("the business it carries on, as typed", &o.objects),
        need("that it is run for the mutual benefit of its members", &["mutual benefit"]),
    ];
    if f {
        objects.push(typed("the members' trade, as typed", &o.trade_definition));
    }
    let mut office = vec![provider("S03", vec![
        typed("the registered office's address, as typed", &o.office_address),
        need("that notices may be sent to the registered office", &["notice"]),
    ])];
    if !f {
        office.push(provider("S28", vec![
            need("how notices are served and when they count as received", &["treated as received"]),
            need("the register of members", &["register of members"]),
        ]));
    }
    let board_makeup = if o.board_mode == BoardMode::Collective && !f {
        need("that every member is a director", &["every member aged 16 or over is a director"])
    } else {
        need("that directors are elected by the members", &["elected by the members"])
    };
    let mut holding = vec![
        provider("S13", vec![
            typed("the maximum holding", &format_pounds(o.max_holding_pence)),
            need("the £100,000 limit on withdrawable shares (s.24)", &["£100,000 of withdrawable shares"]),
            need("that the s.24 limit binds every member except a registered society", &["binds every member"]),
        ]),
        share_clause(o, f, true),
    ];
    let mut shares = vec![share_clause(o, f, false)];
    if o.investment_shares {
        holding.push(investment_shares(true));
        shares.push(investment_shares(false));
    }
    let mut profits = vec![
        need("how surplus is used", &["surplus"]),
        typed("the cap on what is paid out", &format!("{}% of the surplus", o.max_distribution_pct)),
    ];
    if o.uses(ProfitUse::MemberBonus) {
        profits.push(typed("how a member bonus is shared", bonus_basis_phrase(o.bonus_basis)));
    }
    vec![
        matter(1, "Name", vec![provider("S01", vec![
            typed("the co-operative's name, as typed", &o.name),
            need("that it is a registered co-operative society", &["registered as a co-operative society"]),
        ])]),
        matter(2, "Objects", vec![provider(pick("S04", "F04"), objects)]),
        matter(3, "Registered office", office),
        matter(4, "Terms of admission of members", admission(o, f)),
        matter(5, "Meetings, voting, and making and changing rules", meetings(o)),
        matter(6, "Board, managers and officers: appointment, removal, powers and pay", vec![
            provider(pick("S18", "F18"), vec![board_makeup, need("how a director is removed", &["remove a director"])]),
            provider("S19", vec![need("the board's powers", &["board manages"]), need("what directors are paid", &["paid no fee"])]),
            provider("S20", vec![need("who appoints and removes the secretary", &["appoints a secretary"])]),
        ]),
        matter(7, "Maximum shareholding", holding),
        matter(8, "Borrowing and deposits", vec![provider("S14", vec![
            need("from whom the co-operative may borrow", &["borrow money from members or others"]),
            need("on what conditions and security it borrows", &["what security"]),
            typed("the maximum it may borrow", &format_pounds(o.borrowing_cap_pence)),
            need("whether it takes deposits", &["deposits"]),
        ])]),
        matter(9, "Shares: transfer, withdrawal and payment", shares),
        matter(10, "Audit of accounts", vec![provider("S21", vec![
            need("that accounts are kept and prepared", &["prepares accounts"]),
            need("who audits the accounts", &["auditor"]),
            need("the 7-month deadline for the annual return", &["within 7 months"]),
        ])]),
        matter(11, "Leaving; deceased and bankrupt members; nominees", vec![
            provider(pick("S09", "F09"), vec![
                need("when a member stops being one", &["stops being a member"]),
                need("how and when a leaving member's share is repaid", &["within three months of the day they leave"]),
                need("who is paid when a member dies", &["personal representatives"]),
                need("who is paid when a member is made bankrupt", &["trustee in bankruptcy"]),
                need("that a member may nominate someone", &["nominate"]),
            ]),
            provider("S10", vec![
                need("that expulsion needs a special resolution", &["special resolution"]),
                typed("the notice before an expulsion", &format!("at least {} days before", o.expulsion_notice_days)),
            ]),
        ]),
        matter(12, "Use of profits", vec![provider(pick("S22", "F22"), profits)]),
        matter(13, "Common seal", vec![provider("S24", vec![need("whether there is a seal and how it is used", &["seal"])])]),
        matter(14, "Investment of funds", vec![provider("S23", vec![
            need("by whose authority funds are invested", &["board decides"]),
            need("the limits the Act sets on investment", &["section 27"]),
        ])]),
    ]
}

#[rustfmt::skip]
fn company(o: &RulesOptions) -> Vec<Matter> {
    let entrenched = need("that the rule is entrenched", &["entrenched under section 22"]);
    let mut entrenchment = vec![provider("C17", vec![need(
        "that an entrenched article needs every member",
        &["entrenched article can be changed only with the agreement of every member"],
    )])];
    if o.entrench_omov {
        entrenchment.insert(0, provider("C02", vec![entrenched.clone()]));
        entrenchment.insert(1, provider("C10", vec![entrenched.clone()]));
    }
    if o.entrench_asset_lock && o.dissolution == Dissolution::CommonOwnership {
        entrenchment.push(provider("C16", vec![entrenched]));
    }
    let distributions = if o.uses(ProfitUse::MemberBonus) {
        need("that a bonus comes only from profits available under s.830", &["section 830"])
    } else {
        need("that profits are not distributed", &["does not distribute"])
    };
    vec![
        matter(1, "Articles and name (ss.18, 20, 59–60)", vec![provider("C00", vec![
            typed("the company's name, as typed", &o.name),
            need("that it is limited by guarantee", &["limited by guarantee"]),
            need("whether the model articles apply", &["model articles"]),
        ])]),
        matter(2, "Guarantee (ss.3(3), 11)", vec![provider("C04", vec![
            typed("each member's guarantee", &format_pounds(o.guarantee_pence)),
            need("that the guarantee covers a year after leaving", &["within one year"]),
        ])]),
        matter(3, "Objects and co-operative purpose (s.31)", vec![provider("C02", vec![
            typed("the objects, as typed", &o.objects),
            need("that it is run for its members' mutual benefit", &["mutual benefit"]),
        ])]),
        matter(4, "Entrenchment (ss.22–23)", entrenchment),
        matter(5, "Amending the articles (ss.21, 26)", vec![provider("C17", vec![
            need("that the articles change by special resolution", &["special resolution"]),
            need("that changes are filed within 15 days", &["within 15 days"]),
        ])]),
        matter(6, "Members and the register (ss.112–113)", vec![
            provider("C05", vec![
                need("that the subscribers to the memorandum are the first members", &["subscribers to the memorandum"]),
                need("that the directors decide applications", &["directors decide applications"]),
            ]),
            provider("C20", vec![need("where the register of members is kept", &["register of members"])]),
        ]),
        matter(7, "Directors (ss.154, 155, 157, 168)", vec![provider("C11", vec![
            need("how a director is removed (s.168)", &["section 168"]),
            need("the minimum age of directors", &["at least 16"]),
        ])]),
        matter(8, "Resolutions and meetings (ss.281–300, 303, 307, 318, 324–327, 360)", vec![
            provider("C08", vec![
                need("that an AGM is held every year", &["annual general meeting"]),
                typed("the notice for general meetings", &format!("{} clear days", o.gm_notice_clear_days)),
                need("the members' right to call a meeting (s.303)", &["section 303"]),
            ]),
            provider("C09", vec![
                typed("the quorum", &format!("{} members, or {}% of all members", o.gm_quorum_min, o.gm_quorum_pct)),
                need("the right to appoint a proxy", &["proxy"]),
            ]),
            provider("C10", vec![need("that every member has one vote", &["every member has one vote"])]),
        ]),
        matter(9, "Distributions (s.830)", vec![provider("C15", vec![distributions])]),
        matter(10, "Directors' indemnity (ss.232–234)", vec![provider("C21", vec![need(
            "the limits on indemnifying directors",
            &["sections 232 to 234"],
        )])]),
    ]
}
