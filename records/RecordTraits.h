#pragma once
// What a record is, in one place per record type: its kind (as in revisions and approvals), its
// Chinese name, its collection (the API path /api/<collection>), its SQL table, the record it
// belongs to (a centre or a screen) and the field naming it there, the title lists show and
// search, and its fields (records/<Type>Record.cpp: key, label, member, checks), which write its
// JSON and read it back.
#include "records/RecordShape.h"
#include "records/Records.h"

#include <string>

namespace gongshi::content {

template <class T> struct RecordTraits;

// Most records belong to a centre and name it in centre_id.
template <class T> struct OfCentre {
    using Owner = Centre;
    static constexpr const char* ownerKey = "centre_id";
    static Id owner(const T& r) { return r.centreId; }
};

template <> struct RecordTraits<Centre> {
    static constexpr const char* kind = "centre";
    static constexpr const char* label = "服务中心";
    static constexpr const char* collection = "centres";
    static constexpr const char* table = "centres";
    using Owner = void; // centres belong to nothing
    static constexpr const char* ownerKey = "owner";
    static Id owner(const Centre&) { return 0; }
    static std::string title(const Centre& r) { return r.name; }
    static const Shape<Centre>& shape();
};

template <> struct RecordTraits<Window> : OfCentre<Window> {
    static constexpr const char* kind = "window";
    static constexpr const char* label = "窗口";
    static constexpr const char* collection = "windows";
    static constexpr const char* table = "windows";
    static std::string title(const Window& r) { return r.number + " " + r.business; }
    static const Shape<Window>& shape();
};

template <> struct RecordTraits<Staff> : OfCentre<Staff> {
    static constexpr const char* kind = "staff";
    static constexpr const char* label = "工作人员";
    static constexpr const char* collection = "staff";
    static constexpr const char* table = "staff";
    static std::string title(const Staff& r) { return r.name; }
    static const Shape<Staff>& shape();
};

template <> struct RecordTraits<Matter> : OfCentre<Matter> {
    static constexpr const char* kind = "matter";
    static constexpr const char* label = "事项";
    static constexpr const char* collection = "matters";
    static constexpr const char* table = "matters";
    static std::string title(const Matter& r) { return r.name; }
    static const Shape<Matter>& shape();
};

template <> struct RecordTraits<Notice> : OfCentre<Notice> {
    static constexpr const char* kind = "notice";
    static constexpr const char* label = "公告";
    static constexpr const char* collection = "notices";
    static constexpr const char* table = "notices";
    static std::string title(const Notice& r) { return r.title; }
    static const Shape<Notice>& shape();
};

template <> struct RecordTraits<ScreenRecord> : OfCentre<ScreenRecord> {
    static constexpr const char* kind = "screen";
    static constexpr const char* label = "显示屏";
    static constexpr const char* collection = "screens";
    static constexpr const char* table = "screens";
    static std::string title(const ScreenRecord& r) { return r.name; }
    static const Shape<ScreenRecord>& shape();
};

template <> struct RecordTraits<Program> {
    static constexpr const char* kind = "program";
    static constexpr const char* label = "节目";
    static constexpr const char* collection = "programs";
    static constexpr const char* table = "programs";
    using Owner = ScreenRecord;
    static constexpr const char* ownerKey = "screen_id";
    static Id owner(const Program& r) { return r.screenId; }
    static std::string title(const Program& r) { return r.name; }
    static const Shape<Program>& shape();
};

template <class T> Id ownerOf(const T& r) { return RecordTraits<T>::owner(r); }
template <class T> std::string titleOf(const T& r) { return RecordTraits<T>::title(r); }

} // namespace gongshi::content
